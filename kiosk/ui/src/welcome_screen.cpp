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

  centered_text(fonts.small, model.store_name);
  ImGui::Dummy(ImVec2(0, window.y * 0.02f));
  centered_text(fonts.title, text::welcome_title_both);
  ImGui::Dummy(ImVec2(0, 4));
  centered_text(fonts.body, text::welcome_subtitle.en, column);
  centered_text(fonts.body, text::welcome_subtitle.fr, column);
  ImGui::Dummy(ImVec2(0, window.y * 0.03f));

  const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
  const ImVec2 button((column - gap) / 2, 140);
  ImGui::SetCursorPosX((window.x - column) / 2);
  if (touch_button(hits, "welcome.start.en", text::start_button.en, button)) {
    result.action = action::Begin{Language::English};
  }
  ImGui::SameLine(0, gap);
  if (touch_button(hits, "welcome.start.fr", text::start_button.fr, button)) {
    result.action = action::Begin{Language::French};
  }

  ImGui::Dummy(ImVec2(0, window.y * 0.02f));
  centered_text(fonts.small, text::welcome_privacy_note.en, column);
  centered_text(fonts.small, text::welcome_privacy_note.fr, column);
  staff_entry_button(result, hits);
  return result;
}

}  // namespace kiosk::ui
