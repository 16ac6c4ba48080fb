#include <imgui.h>

#include <cmath>

#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {
namespace {

// A pulsing ring shows the kiosk is alive and listening for the scanner.
void draw_listening_indicator(ImVec2 center, float radius, double time_seconds) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float phase = static_cast<float>(std::fmod(time_seconds, 1.6) / 1.6);
  const auto alpha = static_cast<int>(255 * (1.0f - phase));
  const palette::Rgb ring = palette::kBrand;
  draw->AddCircleFilled(center, radius * 0.45f, imgui_colour(ring), 48);
  draw->AddCircle(center, radius * (0.5f + 0.5f * phase), IM_COL32(ring.r, ring.g, ring.b, alpha), 64, px(6));
}

}  // namespace

FrameResult draw_scan_id_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits,
                                double time_seconds) {
  FrameResult result;
  result.animating = true;
  const Language lang = model.language;
  const ImVec2 window = ImGui::GetWindowSize();
  const float column = window.x * 0.75f;

  if (auto other = language_toggle(hits, lang)) result.action = action::ChooseLanguage{*other};
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(40));
  centered_text(fonts.title, text::scan_title.in(lang));
  ImGui::Dummy(ImVec2(0, px(16)));
  centered_text(fonts.body, text::scan_instructions.in(lang), column);

  const float radius = px(72);
  ImGui::Dummy(ImVec2(0, px(8)));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  draw_listening_indicator(ImVec2(ImGui::GetWindowPos().x + window.x / 2, origin.y + radius), radius,
                           time_seconds);
  ImGui::Dummy(ImVec2(0, radius * 2));
  if (model.scan_problem.empty()) {
    centered_text(fonts.body, text::scan_waiting.in(lang));
  } else {
    // A refused card: say why and what to do, in the alert colour, where the client is looking.
    ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(palette::kError));
    centered_text(fonts.body, model.scan_problem, column);
    ImGui::PopStyleColor();
  }

  const ImVec2 button = px(360, 110);
  ImGui::SetCursorPosX((window.x - button.x) / 2);
  if (touch_button(hits, "scan.cancel", text::cancel_button.in(lang), button)) {
    result.action = action::Cancel{};
  }
  return result;
}

}  // namespace kiosk::ui
