#include <imgui.h>

#include <cstdio>

#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {

// The client checks that the card read is theirs before anything is recorded in their name.
FrameResult draw_confirm_identity_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  FrameResult result;
  const Language lang = model.language;
  const ImVec2 window = ImGui::GetWindowSize();
  const float column = window.x * 0.8f;

  ImGui::Dummy(ImVec2(0, window.y * 0.04f));
  centered_text(fonts.title, text::confirm_title.in(lang), 0.0f, &hits, "confirm.title");
  ImGui::Dummy(ImVec2(0, window.y * 0.03f));
  if (model.identity) {
    centered_text(fonts.title, model.identity->full_name, column);
    char line[256];
    const Bilingual& pattern = model.identity->is_licence ? text::confirm_licence : text::confirm_id_card;
    std::snprintf(line, sizeof line, pattern.in(lang).data(), model.identity->issuer_name.c_str(),
                  model.identity->document_masked.c_str());
    centered_text(fonts.body, line, column);
  }
  ImGui::Dummy(ImVec2(0, window.y * 0.05f));

  if (model.busy) {
    // The client confirmed: their choices are being looked up (head office may take a moment).
    centered_text(fonts.body, text::looking_up.in(lang), column);
    return result;
  }
  ImGui::SetCursorPosX((window.x - column) / 2);
  if (auto pressed = button_row(
          hits, {{"confirm.yes", text::confirm_yes.in(lang)}, {"confirm.no", text::confirm_no.in(lang)}},
          column, px(140))) {
    if (*pressed == 0) {
      result.action = action::ConfirmIdentity{};
    } else {
      result.action = action::RejectIdentity{};
    }
  }
  ImGui::Dummy(ImVec2(0, px(16)));
  centered_text(fonts.small, text::confirm_note.in(lang), column);
  return result;
}

}  // namespace kiosk::ui
