#include <imgui.h>

#include "screen_text.hpp"
#include "screens.hpp"
#include "widgets.hpp"

namespace kiosk::ui {

// Shown when consents cannot be saved safely. Both languages: nobody has chosen one.
FrameResult draw_out_of_service_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits) {
  const float column = ImGui::GetWindowSize().x * 0.8f;
  ImGui::Dummy(ImVec2(0, ImGui::GetWindowSize().y * 0.12f));
  centered_text(fonts.title, text::out_of_service_title.en, 0.0f, &hits, "out-of-service.title.en");
  centered_text(fonts.body, text::out_of_service_body.en, column);
  ImGui::Dummy(ImVec2(0, px(32)));
  centered_text(fonts.title, text::out_of_service_title.fr, 0.0f, &hits, "out-of-service.title.fr");
  centered_text(fonts.body, text::out_of_service_body.fr, column);
  ImGui::Dummy(ImVec2(0, px(48)));
  // The reason is for the technician; it never contains anything about a client.
  centered_text(fonts.small, model.out_of_service_reason, column);
  FrameResult result;
  staff_entry_button(result, hits);  // how a tech reaches the diagnostics
  return result;
}

}  // namespace kiosk::ui
