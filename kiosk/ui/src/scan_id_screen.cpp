#include <imgui.h>

#include <algorithm>
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
  // Beneath the language switch when the centred title would reach it (French, portrait).
  const float switch_left = ImGui::GetItemRectMin().x - ImGui::GetWindowPos().x;
  const float switch_bottom = ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y;
  ImGui::PushFont(fonts.title);
  const float title_width = ImGui::CalcTextSize(text::scan_title.in(lang).data()).x;
  ImGui::PopFont();
  const float title_right =
      (window.x + std::min(title_width, window.x - 2 * ImGui::GetStyle().WindowPadding.x)) / 2;
  ImGui::SetCursorPosY(title_right > switch_left - ImGui::GetStyle().ItemSpacing.x
                           ? switch_bottom + ImGui::GetStyle().ItemSpacing.y
                           : ImGui::GetCursorPosY() + px(40));
  centered_text(fonts.title, text::scan_title.in(lang), 0.0f, &hits, "scan.title");
  ImGui::Dummy(ImVec2(0, px(16)));
  centered_text(fonts.body, text::scan_instructions.in(lang), column);

  // The ring takes what the words and the button leave, so a long refusal never pushes Cancel off
  // a short screen.
  const ImVec2 button = px(360, 110);
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string_view status =
      model.scan_problem.empty() ? text::scan_waiting.in(lang) : model.scan_problem;
  ImGui::PushFont(fonts.body);
  const float status_height =
      ImGui::CalcTextSize(status.data(), status.data() + status.size(), false, column).y;
  ImGui::PopFont();
  const float below = status_height + button.y + 4 * style.ItemSpacing.y + style.WindowPadding.y + px(8);
  const float radius = std::clamp((window.y - ImGui::GetCursorPosY() - below) / 2, px(24), px(72));
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

  ImGui::SetCursorPosX((window.x - button.x) / 2);
  if (touch_button(hits, "scan.cancel", text::cancel_button.in(lang), button)) {
    result.action = action::Cancel{};
  }
  return result;
}

}  // namespace kiosk::ui
