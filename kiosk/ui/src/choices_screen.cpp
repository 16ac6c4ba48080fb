#include <imgui.h>

#include <algorithm>
#include <string>

#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {
namespace {

using Row = ViewModel::ChoiceRow;

// Wide enough for the longer marked answer in this language, so no label is clipped.
float answer_width(Language lang) {
  return std::max(px(150), widest_answer(lang) + 2 * ImGui::GetStyle().FramePadding.x);
}

std::optional<SessionAction> draw_row(const Row& row, Language lang, const Fonts& fonts, HitRegions& hits,
                                      bool read_only) {
  std::optional<SessionAction> touched;
  const float width = ImGui::GetContentRegionAvail().x;
  const float answer = answer_width(lang);
  const float answers = 2 * answer + ImGui::GetStyle().ItemSpacing.x;
  // Beside the answers while the words keep half the row; below them on a narrow (portrait) list.
  const bool beside = width - answers - px(24) >= width * 0.5f;
  ImGui::BeginGroup();
  // Same coordinates as the SameLine below, so the text stops short of the answer buttons.
  ImGui::PushTextWrapPos(beside ? width - answers - px(24) : 0.0f);
  ImGui::TextUnformatted(row.title.data(), row.title.data() + row.title.size());
  ImGui::PushFont(fonts.small);
  ImGui::TextUnformatted(row.text.data(), row.text.data() + row.text.size());
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (beside) {
    ImGui::SameLine(width - answers);
  } else {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + width - answers);
  }
  const std::string id = "choice." + std::string(row.id);
  if (row.kind == Row::Kind::Required || row.kind == Row::Kind::Notice) {
    ImGui::PushFont(fonts.small);
    const Bilingual& label = row.kind == Row::Kind::Notice ? text::choice_notice : text::choice_required;
    ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x);
    ImGui::TextDisabled("%s", label.in(lang).data());
    ImGui::PopTextWrapPos();
    record_last_item(hits, id + ".answer", label.in(lang), Recorded::Words);
    ImGui::PopFont();
  } else if (read_only) {
    // The answer on record, marked as on the saved screen, with nothing to press.
    const std::string_view on_record = (row.granted ? text::answer_yes : text::answer_no).in(lang);
    ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(row.granted ? palette::kGranted : palette::kMutedText));
    ImGui::TextUnformatted(on_record.data(), on_record.data() + on_record.size());
    ImGui::PopStyleColor();
    record_last_item(hits, id + ".answer", on_record, Recorded::Words);
  } else {
    // The chosen answer is filled and marked; the other shows its word alone.
    const std::string_view yes = (row.granted ? text::answer_yes : text::choice_yes).in(lang);
    const std::string_view no = (row.granted ? text::choice_no : text::answer_no).in(lang);
    if (choice_button(hits, (id + ".yes").c_str(), yes, row.granted, ImVec2(answer, min_touch_height()))) {
      touched = action::SetDecision{std::string(row.id), consent::Decision::Granted};
    }
    ImGui::SameLine();
    if (choice_button(hits, (id + ".no").c_str(), no, !row.granted, ImVec2(answer, min_touch_height()))) {
      touched = action::SetDecision{std::string(row.id), consent::Decision::Refused};
    }
  }
  ImGui::Separator();
  return touched;
}

}  // namespace

// Every choice on one scrolling page, yes/no side by side: refusing is one touch, as giving is.
FrameResult draw_choices_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const Language lang = model.language;
  const ImVec2 window = ImGui::GetWindowSize();
  const Bilingual& intro = model.card_expired       ? text::expired_intro
                           : model.returning_client ? text::choices_returning
                                                    : text::choices_new;
  if (auto other =
          screen_header(hits, lang, fonts.title, text::choices_title.in(lang), fonts.small, intro.in(lang))) {
    result.action = action::ChooseLanguage{*other};
  }

  if (model.head_office_unreachable) {
    ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(palette::kCaution));
    centered_text(fonts.small, text::head_office_unreachable.in(lang), window.x * 0.9f);
    ImGui::PopStyleColor();
  }
  if (model.card_expired) {
    ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(palette::kCaution));
    centered_text(fonts.body, text::expired_banner.in(lang), window.x * 0.9f);
    ImGui::PopStyleColor();
    record_last_item(hits, "choices.expired-banner", text::expired_banner.in(lang), Recorded::Words);
  }
  const float width = ImGui::GetContentRegionAvail().x;
  const std::initializer_list<RowButton> all_buttons{{"choices.save", text::save_choices.in(lang), 0.42f},
                                                     {"choices.policy", text::read_policy.in(lang), 0.3f},
                                                     {"choices.cancel", text::cancel_button.in(lang), 0.28f}};
  // An expired card may only see and withdraw: nothing to save.
  const std::initializer_list<RowButton> expired_buttons{
      {"choices.policy", text::read_policy.in(lang), 0.5f},
      {"choices.cancel", text::cancel_button.in(lang), 0.5f}};
  const std::initializer_list<RowButton>& footer_buttons = model.card_expired ? expired_buttons : all_buttons;
  float footer = button_row_height(footer_buttons, width, px(110)) + ImGui::GetStyle().ItemSpacing.y +
                 ImGui::GetStyle().WindowPadding.y;
  if (!model.notice.empty()) {
    ImGui::PushFont(fonts.small);
    footer += ImGui::CalcTextSize(model.notice.c_str(), nullptr, false, window.x * 0.9f).y +
              ImGui::GetStyle().ItemSpacing.y;
    ImGui::PopFont();
  }
  ImGui::BeginChild("choices.list", ImVec2(0, window.y - ImGui::GetCursorPosY() - footer), true);
  scroll_to_top_for_new_client(model.session_serial);
  for (const Row& row : model.choices) {
    if (row.kind == Row::Kind::Right) continue;
    if (auto touched = draw_row(row, lang, fonts, hits, model.card_expired)) result.action = touched;
  }
  ImGui::PushFont(fonts.small);
  ImGui::TextUnformatted(text::choices_rights.in(lang).data());
  ImGui::PopFont();
  // Withdrawing is a right like any other, one touch away, as easy as giving consent was. An
  // expired card proves too little to be sent a copy of someone's information.
  if (model.card_expired) {
    if (button_row(hits, {{"choices.withdraw", text::withdraw_all.in(lang)}},
                   ImGui::GetContentRegionAvail().x, min_touch_height())) {
      result.action = action::WithdrawAll{};
    }
  } else if (auto pressed = button_row(hits,
                                       {{"choices.access", text::request_access.in(lang)},
                                        {"choices.withdraw", text::withdraw_all.in(lang)}},
                                       ImGui::GetContentRegionAvail().x, min_touch_height())) {
    if (*pressed == 0) {
      result.action = action::RequestAccess{};
    } else {
      result.action = action::WithdrawAll{};
    }
  }
  result.animating = drag_to_scroll();
  ImGui::EndChild();

  if (!model.notice.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(palette::kError));
    centered_text(fonts.small, model.notice, window.x * 0.9f);
    ImGui::PopStyleColor();
  }
  if (model.busy) {
    centered_text(fonts.body, text::saving.in(lang));
    return result;  // no second "Save" while the first is being written
  }
  if (auto pressed = button_row(hits, footer_buttons, width, px(110))) {
    const std::string_view id = (footer_buttons.begin() + *pressed)->id;
    if (id == "choices.save") {
      result.action = action::SaveChoices{};
    } else if (id == "choices.policy") {
      result.action = action::ReadPolicy{};
    } else {
      result.action = action::Cancel{};
    }
  }
  return result;
}

}  // namespace kiosk::ui
