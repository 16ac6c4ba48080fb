#include "widgets.hpp"

#include <algorithm>
#include <string>

namespace kiosk::ui {

bool touch_button(HitRegions& hits, const char* id, std::string_view label, ImVec2 size) {
  size.y = std::max(size.y, 96.0f);
  std::string text(label);
  text += "##";
  text += id;
  // White on the brand blue: 7:1 contrast, readable in a bright store.
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  const bool pressed = ImGui::Button(text.c_str(), size);
  ImGui::PopStyleColor();
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  hits.record(id, Rect{min.x, min.y, max.x - min.x, max.y - min.y});
  return pressed;
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
    const char* line_end = current->CalcWordWrapPositionA(1.0f, line, end, width);
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

void begin_fullscreen_window(const char* name) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
}

}  // namespace kiosk::ui
