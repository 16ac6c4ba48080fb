// The answer a client chose reads without colour: a mark and a word on the choices screen and on
// the saved screen, in English and in French, drawn by the real screens with the kiosk's font.
// And every character of the string table has a glyph in that font: none draws as a box.
#include <imgui.h>

#include <catch2/catch.hpp>

#include <cfloat>
#include <fstream>
#include <set>
#include <string>

#include "kiosk/ui/kiosk_view.hpp"
#include "kiosk/ui/theme.hpp"

using namespace kiosk;
using kiosk::ui::ViewModel;

namespace {

constexpr float kWidth = 1280;
constexpr float kHeight = 800;

// Its own ImGui context with the kiosk's font and style: frames drawn with no window at all.
class ViewFrame {
 public:
  ViewFrame() : context_(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(kWidth, kHeight);
    auto loaded = ui::load_fonts(KIOSK_DEFAULT_FONT, 1.0f);
    REQUIRE(loaded.has_value());
    fonts_ = *loaded;
    ui::apply_kiosk_style(1.0f);
  }
  ~ViewFrame() { ImGui::DestroyContext(context_); }
  ViewFrame(const ViewFrame&) = delete;
  ViewFrame& operator=(const ViewFrame&) = delete;

  const ui::Fonts& fonts() const { return fonts_; }

  const ui::HitRegions& draw(ui::KioskView& view, const ViewModel& model) {
    ImGui::GetIO().DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    view.draw(model, 0.0);
    ImGui::Render();
    return view.hit_regions();
  }

 private:
  ImGuiContext* context_;
  ui::Fonts fonts_;
};

std::string label_of(const ui::HitRegions& hits, const std::string& id) {
  return hits.label(id).value_or("<not drawn>");
}

float text_width(ImFont* font, const std::string& text) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.c_str()).x;
}

ViewModel choices_model(Language lang) {
  ViewModel model;
  model.screen = Screen::Choices;
  model.language = lang;
  using Kind = ViewModel::ChoiceRow::Kind;
  model.choices = {
      {"marketing", "Offers by email", "We may email you offers.", Kind::Choice, true},
      {"analytics", "Shopping analysis", "We may study what you buy.", Kind::Choice, false},
      {"retention", "Records the law requires", "Kept as the law says.", Kind::Notice, false},
  };
  return model;
}

ViewModel saved_model(Language lang) {
  ViewModel model;
  model.screen = Screen::Saved;
  model.language = lang;
  ViewModel::Receipt receipt;
  receipt.record_id = "R-0001";
  receipt.kind = "choices";
  receipt.decisions = {{"Offers by email", true}, {"Shopping analysis", false}};
  model.receipt = receipt;
  return model;
}

}  // namespace

// The code points of the table's en = "..." and fr = "..." values: UTF-8 and \uXXXX escapes.
std::set<char32_t> string_table_code_points() {
  // tests/data/../../assets: the table beside the policy assets, read as the generator reads it.
  std::ifstream in(std::string(KIOSK_TEST_DATA_DIR) + "/../../assets/strings/kiosk-text.toml",
                   std::ios::binary);
  REQUIRE(in.good());
  std::set<char32_t> points;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("en = \"") && !line.starts_with("fr = \"")) continue;
    for (std::size_t i = 6; i + 1 < line.size();) {
      const auto lead = static_cast<unsigned char>(line[i]);
      if (line.compare(i, 2, "\\u") == 0) {
        points.insert(static_cast<char32_t>(std::stoul(line.substr(i + 2, 4), nullptr, 16)));
        i += 6;
        continue;
      }
      const int extra = lead < 0x80 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
      char32_t point = extra == 0 ? lead : lead & (0x3F >> extra);
      for (int k = 1; k <= extra; ++k)
        point = (point << 6) | (static_cast<unsigned char>(line[i + static_cast<std::size_t>(k)]) & 0x3F);
      points.insert(point);
      i += static_cast<std::size_t>(extra) + 1;
    }
  }
  return points;
}

TEST_CASE("the kiosk's font atlas holds every character of the string table at every size") {
  const std::set<char32_t> points = string_table_code_points();
  CHECK(points.count(U'é') == 1);
  CHECK(points.count(0x00A0) == 1);  // written \u00a0 in the table
  ViewFrame frame;
  for (ImFont* font : {frame.fonts().body, frame.fonts().title, frame.fonts().small}) {
    for (char32_t point : points) {
      INFO("U+" << std::hex << static_cast<unsigned>(point));
      CHECK(font->FindGlyphNoFallback(static_cast<ImWchar>(point)) != nullptr);
    }
  }
}

TEST_CASE("the kiosk's font atlas holds the answer marks at every size") {
  ViewFrame frame;
  for (ImFont* font : {frame.fonts().body, frame.fonts().title, frame.fonts().small}) {
    CHECK(font->FindGlyphNoFallback(0x2713) != nullptr);  // ✓
    CHECK(font->FindGlyphNoFallback(0x2717) != nullptr);  // ✗
  }
}

TEST_CASE("on the choices screen the chosen answer carries a mark and its word, the other its word alone") {
  struct Expected {
    Language lang;
    const char* yes_marked;
    const char* yes;
    const char* no_marked;
    const char* no;
    const char* notice;
  };
  const auto expected = GENERATE(
      Expected{Language::English, "✓ Yes", "Yes", "✗ No", "No", "For your information: no consent needed"},
      Expected{Language::French, "✓ Oui", "Oui", "✗ Non", "Non",
               "Pour votre information\u00a0: aucun consentement requis"});
  INFO((expected.lang == Language::French ? "French" : "English"));
  ViewFrame frame;
  ui::KioskView view(frame.fonts());
  const ui::HitRegions& hits = frame.draw(view, choices_model(expected.lang));

  CHECK(label_of(hits, "choice.marketing.yes") == expected.yes_marked);
  CHECK(label_of(hits, "choice.marketing.no") == expected.no);
  CHECK(label_of(hits, "choice.analytics.yes") == expected.yes);
  CHECK(label_of(hits, "choice.analytics.no") == expected.no_marked);
  // A notice is acknowledged, never answered: no buttons, its own words.
  CHECK_FALSE(hits.find("choice.retention.yes").has_value());
  CHECK(label_of(hits, "choice.retention.answer") == expected.notice);

  // Every answer's words fit inside its button, mark included, and the button inside the screen.
  const float padding = 2 * ImGui::GetStyle().FramePadding.x;
  for (const char* id :
       {"choice.marketing.yes", "choice.marketing.no", "choice.analytics.yes", "choice.analytics.no"}) {
    INFO(id);
    const auto rect = hits.find(id);
    REQUIRE(rect.has_value());
    CHECK(rect->w >= text_width(frame.fonts().body, label_of(hits, id)) + padding);
    CHECK(rect->x + rect->w <= kWidth);
  }
}

TEST_CASE("on the saved screen each answer reads by its mark and word") {
  const auto [lang, granted, refused] = GENERATE(table<Language, const char*, const char*>({
      {Language::English, "✓ Yes", "✗ No"},
      {Language::French, "✓ Oui", "✗ Non"},
  }));
  INFO((lang == Language::French ? "French" : "English"));
  ViewFrame frame;
  ui::KioskView view(frame.fonts());
  const ui::HitRegions& hits = frame.draw(view, saved_model(lang));

  CHECK(label_of(hits, "saved.answer.0") == granted);
  CHECK(label_of(hits, "saved.answer.1") == refused);
  for (const char* id : {"saved.answer.0", "saved.answer.1"}) {
    INFO(id);
    const auto rect = hits.find(id);
    REQUIRE(rect.has_value());
    CHECK(rect->w >= text_width(frame.fonts().body, label_of(hits, id)) - 0.5f);
    CHECK(rect->x + rect->w <= kWidth);
  }
}
