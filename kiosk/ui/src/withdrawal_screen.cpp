#include <imgui.h>

#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {

// Before a withdrawal is written, the client reads in plain words what it ends and what it does
// not, and can still step back.
FrameResult draw_withdrawal_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const Language lang = model.language;
  const ImVec2 window = ImGui::GetWindowSize();
  if (auto other = screen_header(hits, lang, fonts.title, text::withdraw_title.in(lang), fonts.small,
                                 text::withdraw_read_first.in(lang))) {
    result.action = action::ChooseLanguage{*other};
  }

  const float footer = 140;
  ImGui::BeginChild("withdraw.consequences", ImVec2(0, window.y - ImGui::GetCursorPosY() - footer), true);
  scroll_to_top_for_new_client(model.session_serial);
  ImGui::PushTextWrapPos(0.0f);
  const ViewModel::WithdrawalShown none;
  const ViewModel::WithdrawalShown& shown = model.withdrawal ? *model.withdrawal : none;
  if (shown.ending.empty()) {
    ImGui::TextUnformatted(text::withdraw_nothing_ending.in(lang).data());
  } else {
    ImGui::TextUnformatted(text::withdraw_ending.in(lang).data());
    for (const std::string& title : shown.ending) {
      ImGui::Bullet();
      ImGui::TextUnformatted(title.c_str());
    }
  }
  ImGui::Dummy(ImVec2(0, 8));
  ImGui::PushFont(fonts.small);
  if (shown.agent_authority_ends) ImGui::TextUnformatted(text::withdraw_agent_ends.in(lang).data());
  ImGui::TextUnformatted(text::withdraw_continues.in(lang).data());
  ImGui::TextUnformatted(text::withdraw_again_later.in(lang).data());
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  result.animating = drag_to_scroll();
  ImGui::EndChild();

  if (model.busy) {
    centered_text(fonts.body, text::saving.in(lang));
    return result;
  }
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const ImVec2 button((ImGui::GetContentRegionAvail().x - gap) / 2, 110);
  // Keeping is first and filled: the step back is never the harder touch.
  if (touch_button(hits, "withdraw.keep", text::withdraw_keep.in(lang), button)) {
    result.action = action::KeepChoices{};
  }
  ImGui::SameLine(0, gap);
  if (choice_button(hits, "withdraw.confirm", text::withdraw_yes.in(lang), false, button)) {
    result.action = action::ConfirmWithdrawal{};
  }
  return result;
}

}  // namespace kiosk::ui
