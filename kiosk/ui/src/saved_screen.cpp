#include <imgui.h>

#include <cstdio>

#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {

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
  centered_text(receipt.kind == "access-request" ? fonts.body : fonts.title, headline.in(lang), column);
  char line[160];
  std::snprintf(line, sizeof line, text::saved_receipt.in(lang).data(), receipt.record_id.c_str());
  centered_text(fonts.small, line);
  ImGui::Dummy(ImVec2(0, 8));

  ImGui::SetCursorPosX((window.x - column) / 2);
  ImGui::BeginChild("saved.list", ImVec2(column, window.y * 0.45f), false);
  for (const auto& [title, granted] : receipt.decisions) {
    ImGui::TextUnformatted(title.c_str());
    ImGui::SameLine(column - 140);
    ImGui::PushStyleColor(ImGuiCol_Text, granted ? IM_COL32(20, 110, 50, 255) : IM_COL32(120, 120, 130, 255));
    ImGui::TextUnformatted((granted ? text::choice_yes : text::choice_no).in(lang).data());
    ImGui::PopStyleColor();
  }
  result.animating = drag_to_scroll();
  ImGui::EndChild();
  centered_text(fonts.small, text::saved_change_later.in(lang), column);
  const ImVec2 button(360, 110);
  ImGui::SetCursorPosX((window.x - button.x) / 2);
  if (touch_button(hits, "saved.done", text::done_button.in(lang), button)) result.action = action::Done{};
  return result;
}

}  // namespace kiosk::ui
