// The tour's client-path shots: the policy summary, a withdrawal's confirmation, the inactivity
// countdown and an expired card, as the returning demo client sees them.
#include <imgui.h>

#include "kiosk/app/app.hpp"
#include "kiosk/app/demo_identity.hpp"

namespace kiosk {

Status<AppError> App::tour_client_path(Language language) {
  using namespace std::chrono;
  const std::string suffix(language_code(language));
  auto stop = [](const std::string& what) {
    return fail(AppError{AppErrc::ScreenshotFailed, "tour: " + what});
  };
  // Slides the list up until `id` sits above the buttons beneath it, as a finger would.
  auto reveal = [this](const std::string& id) {
    const float height = ImGui::GetIO().DisplaySize.y;
    const float width = ImGui::GetIO().DisplaySize.x;
    // On a row's words, never on a button (a drag that starts on one presses it instead): left of
    // the answers in landscape, right of them where they stack under the words in portrait.
    const float x = width > height ? width * 0.15f : width * 0.85f;
    for (int i = 0; i < 12; ++i) {
      frame();
      auto rect = target_rect(id);
      auto below = target_rect("choices.policy");
      if (!rect || !below) return false;
      if (rect->y + rect->h < below->y) return true;
      drag(x, height * 0.6f, height * 0.25f);
    }
    return false;
  };
  auto arrive = [&](std::chrono::year_month_day card_date) -> Status<AppError> {
    if (auto s = press_target(language == Language::French ? "welcome.start.fr" : "welcome.start.en"); !s)
      return s;
    deliver_scan(demo_licence_payload(card_date));
    if (auto s = press_target("confirm.yes"); !s) return s;
    if (!settle_store()) return stop("the client look-up did not end");
    if (session_.screen() != Screen::Choices) return stop("the returning client did not reach the choices");
    return Ok{};
  };

  if (auto s = arrive(clock_.today()); !s) return s;
  if (auto s = press_target("choices.policy"); !s) return s;
  // The summary's end: the privacy officer and the two commissioners.
  for (int i = 0; i < 6; ++i)
    drag(200, ImGui::GetIO().DisplaySize.y * 0.7f, ImGui::GetIO().DisplaySize.y * 0.3f);
  if (auto s = screenshot("20-summary-" + suffix); !s) return s;
  if (auto s = press_target("policy.full"); !s) return s;
  if (auto s = screenshot("24-policy-full-" + suffix); !s) return s;
  if (auto s = press_target("policy.continue"); !s) return s;

  if (!reveal("choices.withdraw")) return stop("the withdraw button never came into sight");
  if (auto s = press_target("choices.withdraw"); !s) return s;
  if (auto s = screenshot("21-withdraw-" + suffix); !s) return s;
  if (auto s = press_target("withdraw.keep"); !s) return s;

  if (options_.advance_clock) {
    const auto left = session_.time_until_reset();
    if (!left) return stop("no inactivity deadline on the choices screen");
    options_.advance_clock(*left - seconds{12});
    if (auto s = screenshot("23-countdown-" + suffix); !s) return s;
    tap(5, 5);  // a touch anywhere keeps the session
  }
  if (auto s = press_target("choices.cancel"); !s) return s;

  // The same client's card, expired last spring.
  const year_month_day today = clock_.today();
  if (auto s = arrive(year_month_day{today.year() - years{4}, today.month(), today.day()}); !s) return s;
  if (!session_.card_expired()) return stop("the expired demo card was read as valid");
  if (auto s = screenshot("22-expired-" + suffix); !s) return s;
  return press_target("choices.cancel");
}

}  // namespace kiosk
