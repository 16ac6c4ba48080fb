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

bool countdown_shown(const ViewModel& model) {
  return model.seconds_until_reset && *model.seconds_until_reset <= kCountdownShownBelowSeconds;
}

// A banner of its own below the screen, which is drawn shorter meanwhile: the countdown never
// covers a button.
float countdown_banner_height() {
  return px(72);
}

void draw_reset_countdown(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  char line[160];
  std::snprintf(line, sizeof line, text::clearing_soon.in(model.language).data(), *model.seconds_until_reset);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float height = countdown_banner_height();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x, viewport->WorkPos.y + viewport->WorkSize.y - height));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, height));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, px(16, 8));
  ImGui::Begin("countdown", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::PushFont(fonts.small);
  ImGui::SetCursorPosY((height - ImGui::GetTextLineHeight()) / 2);
  ImGui::PopFont();
  // Recorded as words: the layout check finds any button it would cover.
  centered_text(fonts.small, line, 0.0f, &hits, "countdown");
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace

FrameResult KioskView::draw(const ViewModel& model, double time_seconds) {
  hits_.clear();
  const bool countdown = model.staff.screen == staff::StaffScreen::Closed && countdown_shown(model);
  begin_fullscreen_window("kiosk", countdown ? countdown_banner_height() : 0.0f);
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
  // The associate's strip first: the screen below it takes what room is left.
  std::optional<AssistedAction> strip;
  if (!model.assisted.associate_id.empty() && model.screen != Screen::OutOfService) {
    strip = draw_assisted_strip(model, fonts_, hits_);
  }
  switch (model.screen) {
    case Screen::Welcome: result = draw_welcome_screen(model, fonts_, hits_); break;
    case Screen::ScanId: result = draw_scan_id_screen(model, fonts_, hits_, time_seconds); break;
    case Screen::ConfirmIdentity: result = draw_confirm_identity_screen(model, fonts_, hits_); break;
    case Screen::Policy: result = draw_policy_screen(model, fonts_, hits_); break;
    case Screen::Choices:
      result = model.assisted.step == AssistedStep::None ? draw_choices_screen(model, fonts_, hits_)
                                                         : draw_assisted_step_screen(model, fonts_, hits_);
      break;
    case Screen::Saved: result = draw_saved_screen(model, fonts_, hits_); break;
    case Screen::OutOfService: result = draw_out_of_service_screen(model, fonts_, hits_); break;
    case Screen::ConfirmWithdrawal: result = draw_withdrawal_screen(model, fonts_, hits_); break;
  }
  if (strip && !result.assisted_action) result.assisted_action = strip;
  // A touch anywhere keeps a session alive, even where there is no button (or on the banner).
  if (!result.action && !result.staff_action && !result.assisted_action &&
      ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    result.action = action::Touch{};
  }
  ImGui::End();
  if (countdown) draw_reset_countdown(model, fonts_, hits_);
  return result;
}

}  // namespace kiosk::ui
