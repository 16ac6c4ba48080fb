#include <imgui.h>

#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {

// The attract screen speaks both languages at once: the client has not chosen yet.
FrameResult draw_welcome_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const ImVec2 window = ImGui::GetWindowSize();
  const float column = window.x * 0.8f;

  // Below the staff button when a narrow (portrait) screen would put the store's name under it.
  ImGui::PushFont(fonts.small);
  const float name_right = (window.x + ImGui::CalcTextSize(model.store_name.c_str()).x) / 2;
  ImGui::PopFont();
  if (name_right > window.x - staff_entry_width() - px(48)) {
    ImGui::SetCursorPosY(px(24) + min_touch_height() + ImGui::GetStyle().ItemSpacing.y);
  }
  centered_text(fonts.small, model.store_name, 0.0f, &hits, "welcome.store");
  ImGui::Dummy(ImVec2(0, window.y * 0.02f));
  centered_text(fonts.title, text::in_both(text::welcome_title), 0.0f, &hits, "welcome.title");
  ImGui::Dummy(ImVec2(0, px(4)));
  centered_text(fonts.body, text::welcome_subtitle.en, column);
  centered_text(fonts.body, text::welcome_subtitle.fr, column);
  ImGui::Dummy(ImVec2(0, window.y * 0.03f));

  ImGui::SetCursorPosX((window.x - column) / 2);
  if (auto pressed = button_row(
          hits, {{"welcome.start.en", text::start_button.en}, {"welcome.start.fr", text::start_button.fr}},
          column, px(140))) {
    result.action = action::Begin{*pressed == 0 ? Language::English : Language::French};
  }

  ImGui::Dummy(ImVec2(0, window.y * 0.02f));
  centered_text(fonts.small, text::welcome_privacy_note.en, column);
  centered_text(fonts.small, text::welcome_privacy_note.fr, column);
  staff_entry_button(result, hits);
  return result;
}

}  // namespace kiosk::ui
