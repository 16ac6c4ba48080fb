#include <imgui.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "kiosk/core/format_text.hpp"
#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {
namespace {

namespace act = assisted_action;
using consent::AnswerDelivery;
using consent::AuthorityDocument;

constexpr std::array<std::pair<AuthorityDocument, const Bilingual*>, 4> kDocuments{{
    {AuthorityDocument::PowerOfAttorney, &text::document_power_of_attorney},
    {AuthorityDocument::CourtOrder, &text::document_court_order},
    {AuthorityDocument::ParentOfMinor, &text::document_parent_of_minor},
    {AuthorityDocument::EstateRepresentative, &text::document_estate},
}};

constexpr std::array<std::pair<AnswerDelivery, const Bilingual*>, 3> kDeliveries{{
    {AnswerDelivery::Mail, &text::delivery_mail},
    {AnswerDelivery::Email, &text::delivery_email},
    {AnswerDelivery::InStore, &text::delivery_in_store},
}};

// The chosen one of several options reads without colour: marked, as a client's answers are.
std::string chosen_or_plain(const Bilingual& label, bool chosen, Language lang) {
  if (!chosen) return std::string(label.in(lang));
  return format_text(text::chosen.in(lang), label.in(lang).data());
}

float content_width() {
  return ImGui::GetWindowSize().x - 2 * ImGui::GetStyle().WindowPadding.x;
}

void coloured_centered(ImFont* font, std::string_view line, float width, palette::Rgb colour) {
  ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(colour));
  centered_text(font, line, width);
  ImGui::PopStyleColor();
}

// The title at the left of the language switch, the step's content below both.
void step_header(FrameResult& result, HitRegions& hits, Language lang, const Fonts& fonts, Bilingual title) {
  const float top = ImGui::GetCursorPosY();
  if (auto other = language_toggle(hits, lang)) result.action = action::ChooseLanguage{*other};
  const float below_switch = ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y;
  ImGui::SetCursorPosY(top);
  ImGui::PushFont(fonts.title);
  ImGui::PushTextWrapPos(content_width() - 320);
  ImGui::TextUnformatted(title.in(lang).data());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), below_switch + ImGui::GetStyle().ItemSpacing.y));
}

void wrapped_line(ImFont* font, std::string_view line, float width) {
  ImGui::PushFont(font);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextUnformatted(line.data(), line.data() + line.size());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

void back_button(FrameResult& result, HitRegions& hits, Language lang, ImVec2 size) {
  if (touch_button(hits, "assisted.back", text::assisted_back.in(lang), size))
    result.assisted_action = act::Back{};
}

FrameResult draw_agent_scan(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const Language lang = model.language;
  const float column = content_width() * 0.8f;
  step_header(result, hits, lang, fonts, text::agent_scan_title);
  ImGui::Dummy(ImVec2(0, px(16)));
  centered_text(fonts.body, text::agent_scan_instructions.in(lang), column);
  ImGui::Dummy(ImVec2(0, px(24)));
  if (model.assisted.agent_problem.empty()) {
    centered_text(fonts.body, text::agent_scan_waiting.in(lang), column);
  } else {
    coloured_centered(fonts.body, model.assisted.agent_problem, column, palette::kError);
  }
  ImGui::Dummy(ImVec2(0, px(24)));
  const ImVec2 button(360, 110);
  ImGui::SetCursorPosX((ImGui::GetWindowSize().x - button.x) / 2);
  back_button(result, hits, lang, button);
  return result;
}

FrameResult draw_agent_authority(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const Language lang = model.language;
  const ViewModel::AssistedShown& shown = model.assisted;
  const ImVec2 window = ImGui::GetWindowSize();
  const float column = content_width() * 0.9f;
  const float left = (window.x - column) / 2;
  step_header(result, hits, lang, fonts, text::agent_title);
  if (shown.agent) {
    // The name as the card prints it, then the card: the associate compares both with the document.
    char line[512];
    const Bilingual& pattern = shown.agent->is_licence ? text::confirm_licence : text::confirm_id_card;
    const int used = std::snprintf(line, sizeof line, "%s — ", shown.agent->full_name.c_str());
    std::snprintf(line + used, sizeof line - static_cast<std::size_t>(used), pattern.in(lang).data(),
                  shown.agent->issuer_name.c_str(), shown.agent->document_masked.c_str());
    centered_text(fonts.body, line, column);
  }
  centered_text(fonts.body, text::agent_which_document.in(lang), column);
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const ImVec2 choice((column - gap) / 2, min_touch_height());
  for (std::size_t i = 0; i < kDocuments.size(); ++i) {
    const auto& [document, label] = kDocuments[i];
    if (i % 2 == 0) {
      ImGui::SetCursorPosX(left);
    } else {
      ImGui::SameLine(0, gap);
    }
    const std::string id = "agent.document." + std::string(consent::to_string(document));
    if (choice_button(hits, id.c_str(), chosen_or_plain(*label, shown.document == document, lang),
                      shown.document == document, choice)) {
      result.assisted_action = act::ChooseDocument{document};
    }
  }
  char statement[512];
  std::snprintf(statement, sizeof statement, text::agent_checked_statement.in(lang).data(),
                shown.associate_id.c_str());
  if (shown.document) {
    centered_text(fonts.small, statement, column);
  } else {
    coloured_centered(fonts.small, text::agent_choose_document_first.in(lang), column, palette::kError);
  }
  if (!model.notice.empty()) coloured_centered(fonts.small, model.notice, column, palette::kError);
  ImGui::SetCursorPosX(left);
  if (model.busy) {
    centered_text(fonts.body, text::saving.in(lang));
    return result;
  }
  const ImVec2 confirm(column * 0.6f, 110);
  if (shown.document && touch_button(hits, "agent.confirm", text::record_agent_button.in(lang), confirm)) {
    result.assisted_action = act::ConfirmAgentChecked{};
  }
  if (shown.document) ImGui::SameLine(0, gap);
  back_button(result, hits, lang, ImVec2(shown.document ? column - confirm.x - gap : column * 0.4f, 110));
  return result;
}

FrameResult draw_access_request(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const Language lang = model.language;
  const ViewModel::AssistedShown& shown = model.assisted;
  const ImVec2 window = ImGui::GetWindowSize();
  const float column = content_width() * 0.94f;
  const float left = (window.x - column) / 2;
  const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
  // Who asks takes short words; how the answer goes takes the longer ones.
  const float who = (column - gap) * 0.36f;
  const float how = column - gap - who;
  step_header(result, hits, lang, fonts, text::access_title);
  ImGui::Dummy(ImVec2(0, px(8)));

  // Who asks on the left, how the answer goes on the right: each a stack of large buttons.
  const float top = ImGui::GetCursorPosY();
  ImGui::SetCursorPos(ImVec2(left, top));
  ImGui::BeginGroup();
  wrapped_line(fonts.body, text::access_who.in(lang), who);
  if (choice_button(hits, "access.by.client",
                    chosen_or_plain(text::access_by_client, !shown.requester_is_agent, lang),
                    !shown.requester_is_agent, ImVec2(who, min_touch_height()))) {
    result.assisted_action = act::ChooseRequester{false};
  }
  if (shown.agent_may_ask) {
    if (choice_button(hits, "access.by.agent",
                      chosen_or_plain(text::access_by_agent, shown.requester_is_agent, lang),
                      shown.requester_is_agent, ImVec2(who, min_touch_height()))) {
      result.assisted_action = act::ChooseRequester{true};
    }
  } else {
    wrapped_line(fonts.small, text::access_no_agent.in(lang), who);
  }
  ImGui::EndGroup();
  const float left_bottom = ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y;

  ImGui::SetCursorPos(ImVec2(left + who + gap, top));
  ImGui::BeginGroup();
  wrapped_line(fonts.body, text::access_how.in(lang), how);
  for (const auto& [delivery, label] : kDeliveries) {
    const std::string id = "access.delivery." + std::string(consent::to_string(delivery));
    if (choice_button(hits, id.c_str(), chosen_or_plain(*label, shown.delivery == delivery, lang),
                      shown.delivery == delivery, ImVec2(how, min_touch_height()))) {
      result.assisted_action = act::ChooseDelivery{delivery};
    }
  }
  ImGui::EndGroup();
  ImGui::SetCursorPosY(std::max(left_bottom, ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y) +
                       ImGui::GetStyle().ItemSpacing.y);

  if (!model.notice.empty()) coloured_centered(fonts.small, model.notice, column, palette::kError);
  if (model.busy) {
    centered_text(fonts.body, text::saving.in(lang));
    return result;
  }
  if (!shown.delivery)
    coloured_centered(fonts.small, text::access_choose_delivery_first.in(lang), column, palette::kError);
  ImGui::SetCursorPosX(left);
  if (shown.delivery &&
      touch_button(hits, "access.send", text::send_request_button.in(lang), ImVec2(column * 0.55f, 110))) {
    result.assisted_action = act::SendAccessRequest{};
  }
  if (shown.delivery) ImGui::SameLine(0, gap);
  back_button(result, hits, lang, ImVec2(shown.delivery ? column * 0.45f - gap : column * 0.4f, 110));
  return result;
}

}  // namespace

std::optional<AssistedAction> draw_assisted_strip(const ViewModel& model, const Fonts& fonts,
                                                  HitRegions& hits) {
  std::optional<AssistedAction> touched;
  const Language lang = model.language;
  const bool on_choices = model.screen == Screen::Choices && model.assisted.step == AssistedStep::None;
  const bool on_saved = model.screen == Screen::Saved;
  const float width = content_width();
  char line[128];
  std::snprintf(line, sizeof line, text::assisted_by.in(lang).data(), model.assisted.associate_id.c_str());
  ImGui::PushFont(fonts.small);
  const std::string_view back = text::continue_with_client.in(lang);
  const float back_width = ImGui::CalcTextSize(back.data(), back.data() + back.size()).x + px(64);
  ImGui::PopFont();
  ImGui::PushFont(fonts.body);
  const float text_height = ImGui::GetTextLineHeight();
  // On the saved screen the way back to the client's choices shares the band when it fits beside
  // the associate's number (landscape), else it goes under the band (portrait).
  const bool back_in_band = on_saved && px(20) + ImGui::CalcTextSize(line).x + px(24) + back_width <= width;
  const float height = back_in_band ? min_touch_height() : text_height + px(16);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 local = ImGui::GetCursorPos();
  // The associate's number in white on the brand colour: it reads as the kiosk's, not the client's.
  ImGui::GetWindowDrawList()->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height),
                                            imgui_colour(palette::kBrand), px(8));
  ImGui::SetCursorPos(ImVec2(local.x + px(20), local.y + (height - text_height) / 2));
  ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(palette::kWhite));
  ImGui::TextUnformatted(line);
  ImGui::PopStyleColor();
  record_last_item(hits, "assisted.strip", line, Recorded::Words);
  ImGui::PopFont();
  ImGui::PushFont(fonts.small);
  float bottom = local.y + height;
  if (on_saved) {
    const float y = back_in_band ? local.y : bottom + ImGui::GetStyle().ItemSpacing.y / 2;
    ImGui::SetCursorPos(ImVec2(local.x + width - back_width, y));
    if (choice_button(hits, "assisted.continue", back, false, ImVec2(back_width, min_touch_height()))) {
      touched = act::ContinueWithClient{};
    }
    if (!back_in_band) bottom = y + min_touch_height();
  }
  if (on_choices) {
    // The associate's own steps, under the band: an agent, and an access request (also at the
    // foot of the client's list, where a client alone finds it). Side by side when they fit.
    ImGui::SetCursorPos(ImVec2(local.x, bottom + ImGui::GetStyle().ItemSpacing.y / 2));
    const auto pressed = button_row(hits,
                                    {{"assisted.add-agent", text::add_agent_button.in(lang)},
                                     {"assisted.access", text::access_button.in(lang)}},
                                    width, min_touch_height());
    if (pressed == 0u) touched = act::AddAgent{};
    if (pressed == 1u) touched = act::StartAccessRequest{};
    bottom = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y;
  }
  ImGui::PopFont();
  ImGui::SetCursorPos(ImVec2(local.x, bottom + ImGui::GetStyle().ItemSpacing.y));
  return touched;
}

// The associate's own steps, drawn in place of the client's choices while they last.
FrameResult draw_assisted_step_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  if (model.assisted.step == AssistedStep::None) return draw_choices_screen(model, fonts, hits);
  // Closer lines than the client's screens: a step's choices and its buttons fit under the strip.
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 12));
  FrameResult result = model.assisted.step == AssistedStep::AgentScan ? draw_agent_scan(model, fonts, hits)
                       : model.assisted.step == AssistedStep::AgentAuthority
                           ? draw_agent_authority(model, fonts, hits)
                           : draw_access_request(model, fonts, hits);
  ImGui::PopStyleVar();
  return result;
}

}  // namespace kiosk::ui
