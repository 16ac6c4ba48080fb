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

void draw_reset_countdown(const ViewModel& model, const Fonts& fonts) {
  if (!model.seconds_until_reset || *model.seconds_until_reset > kCountdownShownBelowSeconds) return;
  char line[160];
  std::snprintf(line, sizeof line, text::clearing_soon.in(model.language).data(), *model.seconds_until_reset);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetCursorPosY(viewport->WorkSize.y - 60);
  centered_text(fonts.small, line);
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
  draw_reset_countdown(model, fonts_);
  // A touch anywhere keeps a session alive, even where there is no button.
  if (!result.action && !result.staff_action && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    result.action = action::Touch{};
  }
  ImGui::End();
  return result;
}

}  // namespace kiosk::ui
