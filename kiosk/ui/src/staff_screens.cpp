#include <imgui.h>

#include <cstdio>
#include <string>

#include "assisted_text.hpp"
#include "screens.hpp"
#include "staff_text.hpp"
#include "widgets.hpp"

namespace kiosk::ui {
namespace {

namespace act = staff::staff_action;

void wrapped(ImFont* font, std::string_view line, float width,
             std::optional<palette::Rgb> colour = std::nullopt) {
  ImGui::PushFont(font);
  if (colour) ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(*colour));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextUnformatted(line.data(), line.data() + line.size());
  ImGui::PopTextWrapPos();
  if (colour) ImGui::PopStyleColor();
  ImGui::PopFont();
}

void language_switch(FrameResult& result, HitRegions& hits, Language current) {
  if (auto touched = language_toggle(hits, current)) result.staff_action = act::ChooseLanguage{*touched};
}

}  // namespace

void staff_entry_button(FrameResult& result, HitRegions& hits) {
  const ImVec2 window = ImGui::GetWindowSize();
  const ImVec2 size(330, 96);
  // Top right, clear of the client's text at every window height.
  ImGui::SetCursorPos(ImVec2(window.x - size.x - 24, 24));
  if (touch_button(hits, "staff.open", text::staff_button, size)) result.staff_action = act::Open{};
}

// Text on the left (what to type, what happened), a phone-style keypad on the right.
FrameResult draw_staff_keypad_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const ViewModel::StaffShown& shown = model.staff;
  const Language lang = shown.language;
  const bool pin_step = shown.screen == staff::StaffScreen::Pin;
  const ImVec2 window = ImGui::GetWindowSize();
  const ImVec2 key(150, 100);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float pad_width = 3 * key.x + 2 * spacing;
  const float pad_left = window.x - pad_width - ImGui::GetStyle().WindowPadding.x;
  const float text_width = pad_left - 2 * ImGui::GetStyle().WindowPadding.x;

  language_switch(result, hits, lang);
  const float top = ImGui::GetCursorPosY() + 96 + spacing;
  ImGui::SetCursorPosY(top);
  wrapped(fonts.title, (pin_step ? text::keypad_title_pin : text::keypad_title_number).in(lang), text_width);
  char hint[256];
  if (pin_step) {
    std::snprintf(hint, sizeof hint, text::keypad_hint_pin.in(lang).data(), shown.staff_id.c_str());
  } else {
    std::snprintf(hint, sizeof hint, "%s", text::keypad_hint_number.in(lang).data());
  }
  wrapped(fonts.body, hint, text_width);
  ImGui::Dummy(ImVec2(0, 8));
  // The staff number is shown as typed; a PIN only as dots.
  std::string entered;
  if (pin_step) {
    for (std::size_t i = 0; i < shown.pin_digits; ++i) entered += "● ";
  } else {
    entered = shown.staff_id;
  }
  if (entered.empty()) entered = "_";
  wrapped(fonts.title, entered, text_width);
  ImGui::Dummy(ImVec2(0, 8));
  if (shown.checking) {
    wrapped(fonts.body, text::keypad_checking.in(lang), text_width);
  } else if (shown.message != staff::KeypadMessage::Kind::None) {
    char message[400];
    using Kind = staff::KeypadMessage::Kind;
    if (shown.message == Kind::LockedOut) {
      std::snprintf(message, sizeof message, text::keypad_locked_out.in(lang).data(), shown.locked_minutes);
    } else {
      std::snprintf(
          message, sizeof message, "%s",
          (shown.message == Kind::Unavailable ? text::keypad_unavailable : text::keypad_not_recognised)
              .in(lang)
              .data());
    }
    wrapped(fonts.body, message, text_width, palette::kError);
  }

  ImGui::SetCursorPosY(top);
  static constexpr const char* kDigits = "123456789";
  static constexpr const char* kDigitIds[] = {"staff.key.1", "staff.key.2", "staff.key.3",
                                              "staff.key.4", "staff.key.5", "staff.key.6",
                                              "staff.key.7", "staff.key.8", "staff.key.9"};
  for (int row = 0; row < 3; ++row) {
    ImGui::SetCursorPosX(pad_left);
    for (int column = 0; column < 3; ++column) {
      const int index = row * 3 + column;
      if (column > 0) ImGui::SameLine(0, spacing);
      if (touch_button(hits, kDigitIds[index], std::string_view(&kDigits[index], 1), key)) {
        result.staff_action = act::Digit{kDigits[index]};
      }
    }
  }
  ImGui::SetCursorPosX(pad_left);
  if (touch_button(hits, "staff.key.erase", text::erase_button.in(lang), key))
    result.staff_action = act::Erase{};
  ImGui::SameLine(0, spacing);
  if (touch_button(hits, "staff.key.0", "0", key)) result.staff_action = act::Digit{'0'};
  ImGui::SameLine(0, spacing);
  if (touch_button(hits, "staff.key.ok", text::ok_button.in(lang), key)) result.staff_action = act::Confirm{};
  ImGui::SetCursorPosX(pad_left);
  if (touch_button(hits, "staff.cancel", text::staff_cancel_button.in(lang), ImVec2(pad_width, 96))) {
    result.staff_action = act::Cancel{};
  }
  return result;
}

// The associate's sync status or the tech's diagnostics: the same table, different buttons.
FrameResult draw_staff_status_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const ViewModel::StaffShown& shown = model.staff;
  const Language lang = shown.language;
  const bool tech = shown.screen == staff::StaffScreen::Diagnostics;
  const ImVec2 window = ImGui::GetWindowSize();
  const float width = window.x - 2 * ImGui::GetStyle().WindowPadding.x;

  language_switch(result, hits, lang);
  wrapped(fonts.title, (tech ? text::tech_title : text::associate_title).in(lang), width - 320);
  char line[512];
  std::snprintf(line, sizeof line, text::signed_in_as.in(lang).data(), shown.staff_id.c_str());
  wrapped(fonts.small, line, width - 320);
  ImGui::Dummy(ImVec2(0, 4));
  if (shown.kiosk_out_of_service) {
    std::snprintf(line, sizeof line, text::kiosk_is_out_of_service.in(lang).data(),
                  model.out_of_service_reason.c_str());
    wrapped(fonts.small, line, width, palette::kError);
  }
  if (shown.still_out_of_service)
    wrapped(fonts.small, text::still_out_of_service.in(lang), width, palette::kError);
  // An associate's first job: a client at their side. A kiosk out of service records nobody.
  if (!tech && !shown.kiosk_out_of_service) {
    ImGui::Dummy(ImVec2(0, 4));
    if (touch_button(hits, "staff.start-assisted", text::start_assisted_button.in(lang), ImVec2(width, 120)))
      result.staff_action = act::StartAssisted{};
    wrapped(fonts.small, text::start_assisted_hint.in(lang), width);
    ImGui::Dummy(ImVec2(0, 4));
  }

  const float buttons_height = 96 + 2 * ImGui::GetStyle().ItemSpacing.y;
  const float table_height = window.y - ImGui::GetCursorPosY() - buttons_height - 24;
  ImGui::BeginChild("staff.status", ImVec2(width, table_height), false);
  if (shown.status.empty()) wrapped(fonts.body, text::status_loading.in(lang), width);
  ImGui::PushFont(fonts.small);
  const float label_width = width * 0.38f;
  for (const auto& [label, value] : shown.status) {
    ImGui::TextUnformatted(label.c_str());
    ImGui::SameLine(label_width);
    ImGui::PushTextWrapPos(width - 16);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::PopFont();
  result.animating = drag_to_scroll();
  ImGui::EndChild();

  const ImVec2 button(400, 96);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  if (touch_button(hits, "staff.signout", text::sign_out_button.in(lang), button))
    result.staff_action = act::SignOut{};
  ImGui::SameLine(0, spacing);
  if (touch_button(hits, "staff.refresh", text::refresh_button.in(lang), ImVec2(240, 96)))
    result.staff_action = act::Touch{};
  if (tech && shown.kiosk_out_of_service) {
    ImGui::SameLine(0, spacing);
    if (touch_button(hits, "staff.return-to-service", text::return_to_service_button.in(lang), button))
      result.staff_action = act::ReturnToService{};
  }
  return result;
}

}  // namespace kiosk::ui
