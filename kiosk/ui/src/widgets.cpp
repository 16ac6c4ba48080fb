#include "widgets.hpp"

#include <algorithm>
#include <string>

#include "screen_text.hpp"

namespace kiosk::ui {

namespace {

bool labelled_button(HitRegions& hits, const char* id, std::string_view label, ImVec2 size) {
  size.y = std::max(size.y, 96.0f);
  std::string text(label);
  text += "##";
  text += id;
  const bool pressed = ImGui::Button(text.c_str(), size);
  record_last_item(hits, id, label);
  return pressed;
}

}  // namespace

void record_last_item(HitRegions& hits, const std::string& id, std::string_view label) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  hits.record(id, Rect{min.x, min.y, max.x - min.x, max.y - min.y}, std::string(label));
}

bool touch_button(HitRegions& hits, const char* id, std::string_view label, ImVec2 size) {
  ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(palette::kWhite));
  const bool pressed = labelled_button(hits, id, label, size);
  ImGui::PopStyleColor();
  return pressed;
}

bool choice_button(HitRegions& hits, const char* id, std::string_view label, bool selected, ImVec2 size) {
  if (selected) return touch_button(hits, id, label, size);
  // Unselected: the brand colour as an outline and text, so the chosen answer stands out.
  ImGui::PushStyleColor(ImGuiCol_Button, imgui_colour(palette::kWhite));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, imgui_colour(palette::kOutlinedHovered));
  // Without its own pressed colour it would take the theme's dark blue under blue words.
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, imgui_colour(palette::kOutlinedPressed));
  ImGui::PushStyleColor(ImGuiCol_Border, imgui_colour(palette::kBrand));
  ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(palette::kBrand));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 3.0f);
  const bool pressed = labelled_button(hits, id, label, size);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(5);
  return pressed;
}

float widest_answer(Language lang) {
  return std::max(ImGui::CalcTextSize(text::answer_yes.in(lang).data()).x,
                  ImGui::CalcTextSize(text::answer_no.in(lang).data()).x);
}

std::optional<Language> language_toggle(HitRegions& hits, Language current) {
  const float top = ImGui::GetCursorPosY();
  ImGui::SetCursorPosX(ImGui::GetWindowSize().x - 300);
  const Language other = current == Language::French ? Language::English : Language::French;
  constexpr Bilingual label{"Français", "English"};
  const bool pressed = touch_button(hits, "lang.toggle", label.in(current), ImVec2(240, 96));
  ImGui::SetCursorPosY(top);
  if (pressed) return other;
  return std::nullopt;
}

std::optional<Language> screen_header(HitRegions& hits, Language current, ImFont* title_font,
                                      std::string_view title, ImFont* line_font, std::string_view line) {
  auto touched = language_toggle(hits, current);
  ImGui::PushFont(title_font);
  ImGui::TextUnformatted(title.data(), title.data() + title.size());
  ImGui::PopFont();
  ImGui::PushFont(line_font);
  ImGui::TextUnformatted(line.data(), line.data() + line.size());
  ImGui::PopFont();
  return touched;
}

bool drag_to_scroll() {
  const ImGuiIO& io = ImGui::GetIO();
  if (!ImGui::IsWindowHovered() || !ImGui::IsMouseDragging(ImGuiMouseButton_Left, 8.0f)) return false;
  ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
  return true;
}

void centered_text(ImFont* font, std::string_view text, float wrap_width) {
  if (font != nullptr) ImGui::PushFont(font);
  ImFont* current = ImGui::GetFont();
  const float window_width = ImGui::GetWindowSize().x;
  const float width = wrap_width > 0 ? wrap_width : window_width - 2 * ImGui::GetStyle().WindowPadding.x;
  // ImGui wraps left-aligned; centre each wrapped line on its own so paragraphs read as one block.
  const char* line = text.data();
  const char* const end = text.data() + text.size();
  while (line < end) {
    // Each paragraph ("\n") wraps on its own, so an explicit line break is centred too.
    const char* paragraph_end = std::find(line, end, '\n');
    const char* line_end = current->CalcWordWrapPositionA(1.0f, line, paragraph_end, width);
    if (line_end == line) ++line_end;  // a word wider than the column still advances
    const ImVec2 size = ImGui::CalcTextSize(line, line_end);
    ImGui::SetCursorPosX(std::max(0.0f, (window_width - size.x) / 2));
    const char* next = line_end;
    while (next < end && (*next == ' ' || *next == '\n')) ++next;
    // Lines of one paragraph sit close; the usual spacing follows only the last one.
    const bool last = next >= end;
    if (!last) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 2));
    ImGui::TextUnformatted(line, line_end);
    if (!last) ImGui::PopStyleVar();
    line = next;
  }
  if (font != nullptr) ImGui::PopFont();
}

void scroll_to_top_for_new_client(std::uint64_t serial) {
  // Kept in the child window's own state storage: each list remembers whose it last showed.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID key = ImGui::GetID("client-serial");
  const int shown_for = static_cast<int>(serial & 0x7fffffff);
  if (storage->GetInt(key, -1) == shown_for) return;
  storage->SetInt(key, shown_for);
  ImGui::SetScrollY(0.0f);
}

void begin_fullscreen_window(const char* name) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
}

}  // namespace kiosk::ui
