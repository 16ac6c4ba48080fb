#include "kiosk/ui/kiosk_view.hpp"

#include <imgui.h>

#include <cstdio>

#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {
namespace {

// Near the end of an untouched session, warn before the screen clears.
constexpr int kCountdownShownBelowSeconds = 15;

constexpr float kCountdownBannerHeight = 64.0f;

bool countdown_shown(const ViewModel& model) {
  return model.seconds_until_reset && *model.seconds_until_reset <= kCountdownShownBelowSeconds;
}

// The countdown's own strip along the bottom of the window. The screen is laid out in the space
// above it, so the banner never covers a button.
void draw_countdown_banner(const ViewModel& model, const Fonts& fonts) {
  char line[160];
  std::snprintf(line, sizeof line, text::clearing_soon.in(model.language).data(), *model.seconds_until_reset);
  const ImVec2 corner = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  const float top = size.y - kCountdownBannerHeight;
  ImGui::PushClipRect(corner, ImVec2(corner.x + size.x, corner.y + size.y), false);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(corner.x, corner.y + top),
                                            ImVec2(corner.x + size.x, corner.y + size.y),
                                            imgui_colour(palette::kBrand));
  ImGui::PushFont(fonts.small);
  ImGui::SetCursorPosY(top + (kCountdownBannerHeight - ImGui::GetTextLineHeight()) / 2);
  ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(palette::kWhite));
  centered_text(nullptr, line);
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PopClipRect();
}

}  // namespace

FrameResult KioskView::draw(const ViewModel& model, double time_seconds) {
  hits_.clear();
  begin_fullscreen_window("kiosk");
  FrameResult result;
  if (model.staff.screen != staff::StaffScreen::Closed) {
    result =
        model.staff.screen == staff::StaffScreen::StaffNumber || model.staff.screen == staff::StaffScreen::Pin
            ? draw_staff_keypad_screen(model, fonts_, hits_)
            : draw_staff_status_screen(model, fonts_, hits_);
    if (!result.staff_action && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      result.staff_action = staff::staff_action::Touch{};
    }
    ImGui::End();
    return result;
  }
  // Every client screen is drawn in the same child, so a list keeps its scroll position when the
  // countdown appears and the child shrinks to make room for it.
  const bool countdown = countdown_shown(model);
  const ImVec2 window = ImGui::GetWindowSize();
  ImGui::SetCursorPos(ImVec2(0, 0));
  ImGui::BeginChild("screen", ImVec2(window.x, window.y - (countdown ? kCountdownBannerHeight : 0.0f)), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar |
                        ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
  switch (model.screen) {
    case Screen::Welcome: result = draw_welcome_screen(model, fonts_, hits_); break;
    case Screen::ScanId: result = draw_scan_id_screen(model, fonts_, hits_, time_seconds); break;
    case Screen::ConfirmIdentity: result = draw_confirm_identity_screen(model, fonts_, hits_); break;
    case Screen::Policy: result = draw_policy_screen(model, fonts_, hits_); break;
    case Screen::Choices: result = draw_choices_screen(model, fonts_, hits_); break;
    case Screen::Saved: result = draw_saved_screen(model, fonts_, hits_); break;
    case Screen::OutOfService: result = draw_out_of_service_screen(model, fonts_, hits_); break;
    case Screen::ConfirmWithdrawal: result = draw_withdrawal_screen(model, fonts_, hits_); break;
  }
  ImGui::EndChild();
  if (countdown) draw_countdown_banner(model, fonts_);
  // A touch anywhere keeps a session alive, even where there is no button.
  if (!result.action && !result.staff_action && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    result.action = action::Touch{};
  }
  ImGui::End();
  return result;
}

}  // namespace kiosk::ui
