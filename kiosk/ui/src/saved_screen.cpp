#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {
namespace {

constexpr float kQrMaxSide = 210.0f;  // design pixels
constexpr int kQrQuietModules = 4;

// The receipt's QR as squares on a white card: no texture, and every module a whole number of
// pixels so a phone reads it off the screen.
float draw_qr(const ViewModel::Receipt& receipt, ImVec2 corner) {
  const int cells = receipt.qr_size + 2 * kQrQuietModules;
  const float module = std::max(2.0f, std::floor(px(kQrMaxSide) / static_cast<float>(cells)));
  const float side = module * static_cast<float>(cells);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(corner, ImVec2(corner.x + side, corner.y + side), IM_COL32(255, 255, 255, 255));
  for (int y = 0; y < receipt.qr_size; ++y) {
    for (int x = 0; x < receipt.qr_size; ++x) {
      if (receipt.qr_modules[static_cast<std::size_t>(y * receipt.qr_size + x)] == 0) continue;
      const ImVec2 a(corner.x + module * static_cast<float>(x + kQrQuietModules),
                     corner.y + module * static_cast<float>(y + kQrQuietModules));
      draw->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32(0, 0, 0, 255));
    }
  }
  return side;
}

// Beside the QR: the receipt number, how to use the code, and printing when there is a printer.
void draw_receipt_panel(const ViewModel::Receipt& receipt, Language lang, const Fonts& fonts,
                        HitRegions& hits, float width, FrameResult& result) {
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  char line[160];
  std::snprintf(line, sizeof line, text::saved_receipt.in(lang).data(), receipt.record_id.c_str());
  ImGui::PushFont(fonts.small);
  ImGui::TextUnformatted(line);
  if (receipt.qr_size > 0) ImGui::TextWrapped("%s", text::saved_scan_receipt.in(lang).data());
  ImGui::PopFont();
  if (receipt.can_print) {
    ImGui::Dummy(ImVec2(0, px(4)));
    using Print = ViewModel::Receipt::Print;
    if (receipt.print == Print::Printing) {
      ImGui::TextUnformatted(text::printing_receipt.in(lang).data());
      result.animating = true;
    } else if (receipt.print == Print::Printed) {
      ImGui::TextUnformatted(text::receipt_printed.in(lang).data());
    } else {
      if (receipt.print == Print::Failed) {
        ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(palette::kError));
        ImGui::TextWrapped("%s", receipt.print_message.c_str());
        ImGui::PopStyleColor();
      }
      const Bilingual& label = receipt.print == Print::Failed ? text::print_again : text::print_receipt;
      const float label_width = ImGui::CalcTextSize(label.in(lang).data()).x + px(80);
      if (touch_button(hits, "saved.print", label.in(lang),
                       ImVec2(std::min(width, std::max(px(340), label_width)), min_touch_height()))) {
        result.print_receipt = true;
      }
    }
  }
  ImGui::PopTextWrapPos();
}

}  // namespace

// Shown only after the commit returned: what is now on record, and a receipt number to quote.
FrameResult draw_saved_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const Language lang = model.language;
  const ImVec2 window = ImGui::GetWindowSize();
  const float column = window.x * 0.8f;
  if (!model.receipt) return result;
  const ViewModel::Receipt& receipt = *model.receipt;

  const Bilingual& headline = receipt.kind == "withdrawal"       ? text::saved_withdrawal
                              : receipt.kind == "access-request" ? text::saved_access
                                                                 : text::saved_title;
  centered_text(receipt.kind == "access-request" ? fonts.body : fonts.title, headline.in(lang), column, &hits,
                "saved.title");
  ImGui::Dummy(ImVec2(0, px(8)));

  const float left = (window.x - column) / 2;
  const float top = ImGui::GetCursorPosY();
  float qr_side = 0;
  if (receipt.qr_size > 0) {
    ImGui::SetCursorPosX(left);
    qr_side = draw_qr(receipt, ImGui::GetCursorScreenPos());
    ImGui::Dummy(ImVec2(qr_side, qr_side));
  }
  const float gap = qr_side > 0 ? px(24) : 0.0f;
  // The receipt's words beside the code while they keep a readable width; beneath it otherwise.
  const bool beside = column - qr_side - gap >= px(420);
  if (beside) {
    ImGui::SetCursorPos(ImVec2(left + qr_side + gap, top));
  } else {
    ImGui::SetCursorPosX(left);
  }
  ImGui::BeginGroup();
  draw_receipt_panel(receipt, lang, fonts, hits, beside ? column - qr_side - gap : column, result);
  ImGui::EndGroup();
  ImGui::SetCursorPos(ImVec2(
      left,
      std::max(beside ? top + qr_side : 0.0f, ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y) + px(8)));

  ImGui::SetCursorPosX(left);
  // The list takes what the receipt panel left above the closing line and the Done button.
  const ImVec2 button = px(360, 110);
  ImGui::PushFont(fonts.small);
  const float closing_line =
      ImGui::CalcTextSize(text::saved_change_later.in(lang).data(), nullptr, false, column).y;
  ImGui::PopFont();
  const float below = closing_line + button.y + 3 * ImGui::GetStyle().ItemSpacing.y + px(24);
  const float list_height = std::max(window.y * 0.15f, window.y - ImGui::GetCursorPosY() - below);
  ImGui::BeginChild("saved.list", ImVec2(column, list_height), false);
  scroll_to_top_for_new_client(model.session_serial);
  // Each answer reads by its mark and word; its colour only repeats them. Placed from the list's
  // own width, which a scrollbar narrows when the answers overflow it.
  const float answer_column = ImGui::GetContentRegionAvail().x - widest_answer(lang) - px(24);
  int index = 0;
  for (const auto& [title, granted] : receipt.decisions) {
    ImGui::PushTextWrapPos(answer_column - px(24));
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine(answer_column);
    ImGui::PushStyleColor(ImGuiCol_Text, imgui_colour(granted ? palette::kGranted : palette::kMutedText));
    const std::string_view answer = (granted ? text::answer_yes : text::answer_no).in(lang);
    ImGui::TextUnformatted(answer.data(), answer.data() + answer.size());
    record_last_item(hits, "saved.answer." + std::to_string(index++), answer, Recorded::Words);
    ImGui::PopStyleColor();
  }
  // Notices were shown, not agreed to: listed apart, with no answer beside them.
  if (!receipt.notices.empty()) {
    ImGui::Dummy(ImVec2(0, 6));
    ImGui::PushFont(fonts.small);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text::saved_notices.in(lang).data());
    record_last_item(hits, "saved.notices", text::saved_notices.in(lang), Recorded::Words);
    for (const std::string& title : receipt.notices) {
      ImGui::Bullet();
      ImGui::TextUnformatted(title.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
  }
  result.animating = drag_to_scroll();
  ImGui::EndChild();
  centered_text(fonts.small, text::saved_change_later.in(lang), column);
  ImGui::SetCursorPosX((window.x - button.x) / 2);
  if (touch_button(hits, "saved.done", text::done_button.in(lang), button)) result.action = action::Done{};
  return result;
}

}  // namespace kiosk::ui
