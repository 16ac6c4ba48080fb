#include "widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <string>

#include "kiosk/ui/layout.hpp"
#include "screen_text.hpp"

namespace kiosk::ui {

namespace {

void record_rect(HitRegions& hits, const std::string& id, ImVec2 min, ImVec2 max, std::string_view label,
                 Recorded kind, const ImVec2* words_size = nullptr);

// The label broken between words into lines no wider than `room`.
std::string wrapped_label(std::string_view label, float room) {
  const ImFont* font = ImGui::GetFont();
  std::string lines;
  const char* line = label.data();
  const char* const end = label.data() + label.size();
  while (line < end) {
    const char* cut = font->CalcWordWrapPositionA(1.0f, line, end, room);
    if (cut == line) ++cut;
    if (!lines.empty()) lines += '\n';
    lines.append(line, cut);
    line = cut;
    while (line < end && *line == ' ') ++line;
  }
  return lines;
}

bool labelled_button(HitRegions& hits, const char* id, std::string_view label, ImVec2 size) {
  const ImGuiStyle& style = ImGui::GetStyle();
  // A label too long for its button even with thin margins (a long French label on a narrow
  // screen) breaks onto more lines, and the button grows to hold them.
  std::string shown(label);
  const float room = size.x - 2 * px(8);
  if (size.x > 0 && ImGui::CalcTextSize(shown.c_str()).x > room) shown = wrapped_label(label, room);
  const ImVec2 words = ImGui::CalcTextSize(shown.c_str());
  size.y = std::max({size.y, min_touch_height(), words.y + 2 * style.FramePadding.y});
  // ImGui starts a label too wide for the padded frame at the padding, off centre: narrow the
  // padding to what the frame leaves so it stays centred.
  const float side =
      size.x > 0 ? std::clamp((size.x - words.x) / 2, 0.0f, style.FramePadding.x) : style.FramePadding.x;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(side, style.FramePadding.y));
  const std::string text = shown + "##" + id;
  const bool pressed = ImGui::Button(text.c_str(), size);
  ImGui::PopStyleVar();
  record_rect(hits, id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), label, Recorded::Touch, &words);
  return pressed;
}

}  // namespace

float ui_scale() {
  const ImVec2 size = ImGui::GetMainViewport()->Size;
  return layout_scale(size.x, size.y);
}

bool portrait() {
  const ImVec2 size = ImGui::GetMainViewport()->Size;
  return size.y > size.x;
}

float min_touch_height() {
  return px(96);
}

namespace {

void record_rect(HitRegions& hits, const std::string& id, ImVec2 min, ImVec2 max, std::string_view label,
                 Recorded kind, const ImVec2* words_size) {
  HitRegion region;
  region.rect = Rect{min.x, min.y, max.x - min.x, max.y - min.y};
  region.label = std::string(label);
  // Words wrap to their rectangle, which is then their size; a button's words never wrap.
  const ImVec2 words = words_size != nullptr     ? *words_size
                       : kind == Recorded::Words ? ImVec2(region.rect.w, region.rect.h)
                                                 : ImGui::CalcTextSize(region.label.c_str());
  region.label_width = words.x;
  region.label_height = words.y;
  const ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 clip_min = draw->GetClipRectMin();
  const ImVec2 clip_max = draw->GetClipRectMax();
  region.visible_area = Rect{clip_min.x, clip_min.y, clip_max.x - clip_min.x, clip_max.y - clip_min.y};
  region.scrolls = ImGui::GetScrollMaxY() > 0;
  region.touch = kind == Recorded::Touch;
  hits.record(id, std::move(region));
}

}  // namespace

void record_last_item(HitRegions& hits, const std::string& id, std::string_view label, Recorded kind) {
  record_rect(hits, id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), label, kind);
}

namespace {

// Side by side only when each label, with the frame's padding, fits its share of the row.
bool fits_side_by_side(std::initializer_list<RowButton> buttons, float width) {
  float shares = 0;
  for (const RowButton& b : buttons) shares += b.share;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float room = width - spacing * static_cast<float>(buttons.size() - 1);
  for (const RowButton& b : buttons) {
    const float label = ImGui::CalcTextSize(b.label.data(), b.label.data() + b.label.size()).x;
    if (label + 2 * ImGui::GetStyle().FramePadding.x > room * b.share / shares) return false;
  }
  return true;
}

}  // namespace

float button_row_height(std::initializer_list<RowButton> buttons, float width, float height) {
  const float rows = fits_side_by_side(buttons, width) ? 1.0f : static_cast<float>(buttons.size());
  const float button = std::max(height, min_touch_height());
  return rows * button + (rows - 1) * ImGui::GetStyle().ItemSpacing.y;
}

std::optional<std::size_t> button_row(HitRegions& hits, std::initializer_list<RowButton> buttons, float width,
                                      float height) {
  std::optional<std::size_t> pressed;
  const bool one_row = fits_side_by_side(buttons, width);
  float shares = 0;
  for (const RowButton& b : buttons) shares += b.share;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float room = width - spacing * static_cast<float>(buttons.size() - 1);
  const float left = ImGui::GetCursorPosX();
  std::size_t index = 0;
  for (const RowButton& b : buttons) {
    if (index > 0 && one_row) ImGui::SameLine(0, spacing);
    if (!one_row) ImGui::SetCursorPosX(left);
    const float button_width = one_row ? room * b.share / shares : width;
    if (touch_button(hits, b.id, b.label, ImVec2(button_width, height))) pressed = index;
    ++index;
  }
  return pressed;
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
  const ImVec2 size = px(240, 96);
  ImGui::SetCursorPosX(ImGui::GetWindowSize().x - size.x - ImGui::GetStyle().WindowPadding.x);
  const Language other = current == Language::French ? Language::English : Language::French;
  const bool pressed = touch_button(hits, "lang.toggle", text::language_switch.in(current), size);
  ImGui::SetCursorPosY(top);
  if (pressed) return other;
  return std::nullopt;
}

std::optional<Language> screen_header(HitRegions& hits, Language current, ImFont* title_font,
                                      std::string_view title, ImFont* line_font, std::string_view line) {
  auto touched = language_toggle(hits, current);
  const float toggle_bottom = ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y;
  // The title stops short of the switch, in two lines at most; a longer one (a narrow, portrait
  // screen) goes beneath the switch and takes the whole width.
  const float beside = ImGui::GetItemRectMin().x - ImGui::GetWindowPos().x - ImGui::GetStyle().ItemSpacing.x;
  ImGui::PushFont(title_font);
  const float two_lines = 2 * ImGui::GetTextLineHeight() + ImGui::GetStyle().ItemSpacing.y;
  const bool fits_beside =
      ImGui::CalcTextSize(title.data(), title.data() + title.size(), false, beside - ImGui::GetCursorPosX())
          .y <= two_lines;
  if (!fits_beside) ImGui::SetCursorPosY(toggle_bottom + ImGui::GetStyle().ItemSpacing.y);
  ImGui::PushTextWrapPos(fits_beside ? beside : 0.0f);
  ImGui::TextUnformatted(title.data(), title.data() + title.size());
  record_last_item(hits, "header.title", title, Recorded::Words);
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::PushFont(line_font);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(line.data(), line.data() + line.size());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  return touched;
}

bool drag_to_scroll() {
  const ImGuiIO& io = ImGui::GetIO();
  if (!ImGui::IsWindowHovered() || !ImGui::IsMouseDragging(ImGuiMouseButton_Left, 8.0f)) return false;
  ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
  return true;
}

void centered_text(ImFont* font, std::string_view text, float wrap_width, HitRegions* hits, const char* id) {
  if (font != nullptr) ImGui::PushFont(font);
  ImFont* current = ImGui::GetFont();
  const float window_width = ImGui::GetWindowSize().x;
  const float width = wrap_width > 0 ? wrap_width : window_width - 2 * ImGui::GetStyle().WindowPadding.x;
  // ImGui wraps left-aligned; centre each wrapped line on its own so paragraphs read as one block.
  const char* line = text.data();
  const char* const end = text.data() + text.size();
  ImVec2 block_min(FLT_MAX, FLT_MAX);
  ImVec2 block_max(-FLT_MAX, -FLT_MAX);
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
    block_min = ImVec2(std::min(block_min.x, ImGui::GetItemRectMin().x),
                       std::min(block_min.y, ImGui::GetItemRectMin().y));
    block_max = ImVec2(std::max(block_max.x, ImGui::GetItemRectMax().x),
                       std::max(block_max.y, ImGui::GetItemRectMax().y));
    if (!last) ImGui::PopStyleVar();
    line = next;
  }
  if (hits != nullptr && id != nullptr && block_min.x <= block_max.x) {
    record_rect(*hits, id, block_min, block_max, text, Recorded::Words);
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

void begin_fullscreen_window(const char* name, float reserved_bottom) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, viewport->WorkSize.y - reserved_bottom));
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
}

}  // namespace kiosk::ui
