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
  const float window_width = ImGui::GetWindowSize().x;
  const float width = wrap_width > 0 ? wrap_width : window_width;
  const ImVec2 size = ImGui::CalcTextSize(text.data(), text.data() + text.size(), false, width);
  ImGui::SetCursorPosX(std::max(0.0f, (window_width - size.x) / 2));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
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
