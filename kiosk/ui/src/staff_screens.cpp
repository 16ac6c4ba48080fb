#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "screen_text.hpp"
#include "screens.hpp"
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

float staff_entry_width() {
  return px(330);
}

void staff_entry_button(FrameResult& result, HitRegions& hits) {
  const ImVec2 window = ImGui::GetWindowSize();
  const ImVec2 size(staff_entry_width(), min_touch_height());
  // Top right, clear of the client's text at every window height.
  ImGui::SetCursorPos(ImVec2(window.x - size.x - px(24), px(24)));
  if (touch_button(hits, "staff.open", text::in_both(text::staff_button), size))
    result.staff_action = act::Open{};
}

// Text on the left (what to type, what happened), a phone-style keypad on the right; on a display
// too narrow for both, the keypad beneath the text.
FrameResult draw_staff_keypad_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const ViewModel::StaffShown& shown = model.staff;
  const Language lang = shown.language;
  const bool pin_step = shown.screen == staff::StaffScreen::Pin;
  const ImVec2 window = ImGui::GetWindowSize();
  const ImVec2 key = px(150, 100);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float padding = ImGui::GetStyle().WindowPadding.x;
  const float pad_width = 3 * key.x + 2 * spacing;
  const bool beside = window.x - pad_width - 3 * padding >= px(420);
  const float pad_left = beside ? window.x - pad_width - padding : (window.x - pad_width) / 2;
  const float text_width = beside ? pad_left - 2 * padding : window.x - 2 * padding;

  language_switch(result, hits, lang);
  const float top = ImGui::GetCursorPosY() + min_touch_height() + spacing;
  ImGui::SetCursorPosY(top);
  wrapped(fonts.title, (pin_step ? text::keypad_title_pin : text::keypad_title_number).in(lang), text_width);
  record_last_item(hits, "staff.title", "", Recorded::Words);
  char hint[256];
  if (pin_step) {
    std::snprintf(hint, sizeof hint, text::keypad_hint_pin.in(lang).data(), shown.staff_id.c_str());
  } else {
    std::snprintf(hint, sizeof hint, "%s", text::keypad_hint_number.in(lang).data());
  }
  wrapped(fonts.body, hint, text_width);
  ImGui::Dummy(ImVec2(0, px(8)));
  // The staff number is shown as typed; a PIN only as dots.
  std::string entered;
  if (pin_step) {
    for (std::size_t i = 0; i < shown.pin_digits; ++i) entered += "● ";
  } else {
    entered = shown.staff_id;
  }
  if (entered.empty()) entered = "_";
  wrapped(fonts.title, entered, text_width);
  ImGui::Dummy(ImVec2(0, px(8)));
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

  if (beside) {
    ImGui::SetCursorPosY(top);
  } else {
    ImGui::Dummy(ImVec2(0, px(16)));
  }
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
  if (touch_button(hits, "staff.cancel", text::staff_cancel_button.in(lang),
                   ImVec2(pad_width, min_touch_height()))) {
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
  // Clear of the language switch at the top right.
  const float beside_switch = width - px(240) - ImGui::GetStyle().ItemSpacing.x;
  wrapped(fonts.title, (tech ? text::tech_title : text::associate_title).in(lang), beside_switch);
  record_last_item(hits, "staff.title", "", Recorded::Words);
  char line[512];
  std::snprintf(line, sizeof line, text::signed_in_as.in(lang).data(), shown.staff_id.c_str());
  wrapped(fonts.small, line, width);
  ImGui::Dummy(ImVec2(0, px(4)));
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

  const bool can_return = tech && shown.kiosk_out_of_service;
  const std::string_view sign_out = text::sign_out_button.in(lang);
  const std::string_view refresh = text::refresh_button.in(lang);
  const std::string_view back = text::return_to_service_button.in(lang);
  auto buttons_height = [&] {
    const float height =
        can_return ? button_row_height({{"staff.signout", sign_out, 5},
                                        {"staff.refresh", refresh, 3},
                                        {"staff.return-to-service", back, 5}},
                                       width, min_touch_height())
                   : button_row_height({{"staff.signout", sign_out, 5}, {"staff.refresh", refresh, 3}}, width,
                                       min_touch_height());
    return height + 2 * ImGui::GetStyle().ItemSpacing.y;
  };
  const float table_height = window.y - ImGui::GetCursorPosY() - buttons_height() - px(24);
  ImGui::BeginChild("staff.status", ImVec2(width, table_height), false);
  if (shown.status.empty()) wrapped(fonts.body, text::status_loading.in(lang), width);
  ImGui::PushFont(fonts.small);
  // As wide as the longest label needs, within reason, so each value starts on its label's line.
  float longest = 0;
  for (const auto& row : shown.status) longest = std::max(longest, ImGui::CalcTextSize(row.first.c_str()).x);
  const float label_width = std::clamp(longest + px(32), width * 0.3f, width * 0.55f);
  for (const auto& [label, value] : shown.status) {
    ImGui::TextUnformatted(label.c_str());
    // A label longer than its column puts its value on the next line rather than over it.
    if (ImGui::CalcTextSize(label.c_str()).x < label_width - px(16)) {
      ImGui::SameLine(label_width);
    } else {
      ImGui::SetCursorPosX(label_width);
    }
    // Wrapped inside the content region, which leaves out the scrollbar when a long list has one:
    // wrapping at the child's full width let the bar cover the end of long values.
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - px(8));
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::PopFont();
  result.animating = drag_to_scroll();
  ImGui::EndChild();

  const auto pressed = can_return
                           ? button_row(hits,
                                        {{"staff.signout", sign_out, 5},
                                         {"staff.refresh", refresh, 3},
                                         {"staff.return-to-service", back, 5}},
                                        width, min_touch_height())
                           : button_row(hits, {{"staff.signout", sign_out, 5}, {"staff.refresh", refresh, 3}},
                                        width, min_touch_height());
  if (pressed == std::optional<std::size_t>{0}) result.staff_action = act::SignOut{};
  if (pressed == std::optional<std::size_t>{1}) result.staff_action = act::Touch{};
  if (pressed == std::optional<std::size_t>{2}) result.staff_action = act::ReturnToService{};
  return result;
}

}  // namespace kiosk::ui
