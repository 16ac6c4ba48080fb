#include <imgui.h>

#include <algorithm>
#include <string>

#include "client_path_text.hpp"
#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {
namespace {

using Row = ViewModel::ChoiceRow;

// Wide enough for the longer marked answer in this language, so no label is clipped.
float answer_width(Language lang) {
  return std::max(150.0f, widest_answer(lang) + 2 * ImGui::GetStyle().FramePadding.x);
}

std::optional<SessionAction> draw_row(const Row& row, Language lang, const Fonts& fonts, HitRegions& hits,
                                      bool read_only) {
  std::optional<SessionAction> touched;
  const float width = ImGui::GetContentRegionAvail().x;
  const float answer = answer_width(lang);
  const float answers = 2 * answer + ImGui::GetStyle().ItemSpacing.x;
  ImGui::BeginGroup();
  // Same coordinates as the SameLine below, so the text stops short of the answer buttons.
  ImGui::PushTextWrapPos(width - answers - 24);
  ImGui::TextUnformatted(row.title.data(), row.title.data() + row.title.size());
  ImGui::PushFont(fonts.small);
  ImGui::TextUnformatted(row.text.data(), row.text.data() + row.text.size());
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  ImGui::SameLine(width - answers);
  const std::string id = "choice." + std::string(row.id);
  if (row.kind == Row::Kind::Required || row.kind == Row::Kind::Notice) {
    ImGui::PushFont(fonts.small);
    const Bilingual& label = row.kind == Row::Kind::Notice ? text::choice_notice : text::choice_required;
    ImGui::TextDisabled("%s", label.in(lang).data());
    record_last_item(hits, id + ".answer", label.in(lang));
    ImGui::PopFont();
  } else if (read_only) {
    // The answer on record, marked as on the saved screen, with nothing to press.
    const std::string_view on_record = (row.granted ? text::answer_yes : text::answer_no).in(lang);
    ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(row.granted ? palette::kGranted : palette::kMutedText));
    ImGui::TextUnformatted(on_record.data(), on_record.data() + on_record.size());
    ImGui::PopStyleColor();
    record_last_item(hits, id + ".answer", on_record);
  } else {
    // The chosen answer is filled and marked; the other shows its word alone.
    const std::string_view yes = (row.granted ? text::answer_yes : text::choice_yes).in(lang);
    const std::string_view no = (row.granted ? text::choice_no : text::answer_no).in(lang);
    if (choice_button(hits, (id + ".yes").c_str(), yes, row.granted, ImVec2(answer, 96))) {
      touched = action::SetDecision{std::string(row.id), consent::Decision::Granted};
    }
    ImGui::SameLine();
    if (choice_button(hits, (id + ".no").c_str(), no, !row.granted, ImVec2(answer, 96))) {
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
    record_last_item(hits, "choices.expired-banner", text::expired_banner.in(lang));
  }
  const float footer = model.notice.empty() ? 180 : 240;
  ImGui::BeginChild("choices.list", ImVec2(0, window.y - ImGui::GetCursorPosY() - footer), true);
  scroll_to_top_for_new_client(model.session_serial);
  for (const Row& row : model.choices) {
    if (row.kind == Row::Kind::Right) continue;
    if (auto touched = draw_row(row, lang, fonts, hits, model.card_expired)) result.action = touched;
  }
  ImGui::PushFont(fonts.small);
  ImGui::TextUnformatted(text::choices_rights.in(lang).data());
  ImGui::PopFont();
  // Side by side when both labels fit; otherwise one above the other, so no label is cut.
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float row = ImGui::GetContentRegionAvail().x;
  const float padding = 2 * ImGui::GetStyle().FramePadding.x + 24;
  const bool fit = std::max(ImGui::CalcTextSize(text::request_access.in(lang).data()).x,
                            ImGui::CalcTextSize(text::withdraw_all.in(lang).data()).x) +
                       padding <=
                   (row - spacing) / 2;
  const float width = fit ? (row - spacing) / 2 : row;
  // An expired card proves too little to be sent a copy of someone's information.
  if (!model.card_expired) {
    if (touch_button(hits, "choices.access", text::request_access.in(lang), ImVec2(width, 96))) {
      result.action = action::RequestAccess{};
    }
    if (fit) ImGui::SameLine();
  }
  // Withdrawing is a right like any other, one touch away, as easy as giving consent was.
  if (touch_button(hits, "choices.withdraw", text::withdraw_all.in(lang), ImVec2(width, 96))) {
    result.action = action::WithdrawAll{};
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
  if (!model.card_expired) {
    if (touch_button(hits, "choices.save", text::save_choices.in(lang), ImVec2(window.x * 0.42f, 110))) {
      result.action = action::SaveChoices{};
    }
    ImGui::SameLine();
  }
  if (touch_button(hits, "choices.policy", text::read_policy.in(lang), ImVec2(window.x * 0.3f, 110))) {
    result.action = action::ReadPolicy{};
  }
  ImGui::SameLine();
  if (touch_button(hits, "choices.cancel", text::cancel_button.in(lang),
                   ImVec2(ImGui::GetContentRegionAvail().x, 110))) {
    result.action = action::Cancel{};
  }
  return result;
}

}  // namespace kiosk::ui
