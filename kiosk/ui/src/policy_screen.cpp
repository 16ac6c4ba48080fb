#include <imgui.h>

#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {

// The whole policy, readable at arm's length, scrolled with a finger.
FrameResult draw_policy_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const Language lang = model.language;
  const ImVec2 window = ImGui::GetWindowSize();
  if (auto other = screen_header(hits, lang, fonts.title, text::policy_title.in(lang), fonts.small,
                                 text::policy_scroll_hint.in(lang))) {
    result.action = action::ChooseLanguage{*other};
  }

  const float width = ImGui::GetContentRegionAvail().x;
  const std::initializer_list<RowButton> buttons{{"policy.continue", text::policy_continue.in(lang), 2},
                                                 {"policy.cancel", text::cancel_button.in(lang), 1}};
  const float footer = button_row_height(buttons, width, px(110)) + px(4) +
                       2 * ImGui::GetStyle().ItemSpacing.y + ImGui::GetStyle().WindowPadding.y;
  ImGui::BeginChild("policy.text", ImVec2(0, window.y - ImGui::GetCursorPosY() - footer), true);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(model.policy_text.data(), model.policy_text.data() + model.policy_text.size());
  ImGui::PopTextWrapPos();
  result.animating = drag_to_scroll();
  ImGui::EndChild();

  ImGui::Dummy(ImVec2(0, px(4)));
  if (auto pressed = button_row(hits, buttons, width, px(110))) {
    if (*pressed == 0) {
      result.action = action::ContinueToChoices{};
    } else {
      result.action = action::Cancel{};
    }
  }
  return result;
}

}  // namespace kiosk::ui
