#include <imgui.h>

#include <string_view>

#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {
namespace {

// "## Heading" lines in the body font, paragraphs beneath them in the small one.
void draw_summary(std::string_view summary, const Fonts& fonts) {
  while (!summary.empty()) {
    const std::size_t end = summary.find('\n');
    std::string_view line = summary.substr(0, end);
    summary = end == std::string_view::npos ? std::string_view{} : summary.substr(end + 1);
    if (line.empty()) continue;
    const bool heading = line.starts_with("## ");
    if (heading) {
      line.remove_prefix(3);
      ImGui::Dummy(ImVec2(0, 6));
    }
    ImGui::PushFont(heading ? fonts.body : fonts.small);
    ImGui::TextUnformatted(line.data(), line.data() + line.size());
    ImGui::PopFont();
  }
}

// For a returning client under an older version: what is new to them, before the summary.
void draw_changes(const ViewModel& model, const Fonts& fonts) {
  const Language lang = model.language;
  if (model.policy_changes.empty() && !model.policy_changed_unknown) return;
  ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(palette::kCaution));
  ImGui::PushFont(fonts.body);
  ImGui::TextUnformatted(
      (model.policy_changed_unknown ? text::policy_changed_unknown : text::policy_changed_title)
          .in(lang)
          .data());
  ImGui::PopFont();
  ImGui::PopStyleColor();
  ImGui::PushFont(fonts.small);
  for (std::string_view change : model.policy_changes) {
    ImGui::Bullet();
    ImGui::TextUnformatted(change.data(), change.data() + change.size());
  }
  ImGui::PopFont();
  ImGui::Separator();
}

}  // namespace

// The policy opens on its key elements; the whole text, scrolled with a finger, is one touch away.
FrameResult draw_policy_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const Language lang = model.language;
  const ImVec2 window = ImGui::GetWindowSize();
  const bool full = model.policy_full_text || model.policy_summary.empty();
  const Bilingual& title = full ? text::policy_title : text::summary_title;
  if (auto other = screen_header(hits, lang, fonts.title, title.in(lang), fonts.small,
                                 text::policy_scroll_hint.in(lang))) {
    result.action = action::ChooseLanguage{*other};
  }

  const float width = ImGui::GetContentRegionAvail().x;
  const std::initializer_list<RowButton> summary_buttons{
      {"policy.continue", text::policy_continue.in(lang), 1.2f},
      {"policy.full", text::read_full_policy.in(lang), 1.0f},
      {"policy.cancel", text::cancel_button.in(lang), 0.8f}};
  const std::initializer_list<RowButton> full_buttons{{"policy.continue", text::policy_continue.in(lang), 2},
                                                      {"policy.cancel", text::cancel_button.in(lang), 1}};
  const std::initializer_list<RowButton>& buttons = full ? full_buttons : summary_buttons;
  const float footer = button_row_height(buttons, width, px(110)) + px(4) +
                       2 * ImGui::GetStyle().ItemSpacing.y + ImGui::GetStyle().WindowPadding.y;
  // One child per view, so each keeps its own scroll position.
  ImGui::BeginChild(full ? "policy.text" : "policy.summary",
                    ImVec2(0, window.y - ImGui::GetCursorPosY() - footer), true);
  scroll_to_top_for_new_client(model.session_serial);
  ImGui::PushTextWrapPos(0.0f);
  if (full) {
    ImGui::TextUnformatted(model.policy_text.data(), model.policy_text.data() + model.policy_text.size());
  } else {
    draw_changes(model, fonts);
    draw_summary(model.policy_summary, fonts);
  }
  ImGui::PopTextWrapPos();
  result.animating = drag_to_scroll();
  ImGui::EndChild();

  ImGui::Dummy(ImVec2(0, px(4)));
  if (auto pressed = button_row(hits, buttons, width, px(110))) {
    const std::string_view id = (buttons.begin() + *pressed)->id;
    if (id == "policy.continue") {
      result.action = action::ContinueToChoices{};
    } else if (id == "policy.full") {
      result.action = action::ReadFullPolicy{};
    } else {
      result.action = action::Cancel{};
    }
  }
  return result;
}

}  // namespace kiosk::ui
