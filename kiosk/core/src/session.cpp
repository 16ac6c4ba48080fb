#include "kiosk/core/session.hpp"

#include <type_traits>

namespace kiosk {

std::string_view to_string(Screen screen) {
  switch (screen) {
    case Screen::Welcome: return "welcome";
    case Screen::ScanId: return "scan-id";
    case Screen::OutOfService: return "out-of-service";
  }
  return "unknown";
}

KioskSession::KioskSession(const Clock& clock, SessionSettings settings)
    : clock_(clock),
      settings_(settings),
      language_(settings.default_language),
      last_activity_(clock.steady_now()) {}

void KioskSession::apply(const SessionAction& action) {
  // Out of service is left only by a restart after a tech has looked: no client action may
  // bring back a kiosk that cannot save consents.
  if (screen_ == Screen::OutOfService) return;
  last_activity_ = clock_.steady_now();
  std::visit(
      [this](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, action::ChooseLanguage>) {
          language_ = a.language;
        } else if constexpr (std::is_same_v<A, action::Begin>) {
          if (screen_ != Screen::Welcome) return;
          if (a.language) language_ = *a.language;
          screen_ = Screen::ScanId;
        } else if constexpr (std::is_same_v<A, action::Cancel>) {
          reset();
        }
      },
      action);
}

bool KioskSession::tick() {
  auto remaining = time_until_reset();
  if (!remaining || remaining->count() > 0) return false;
  reset();
  return true;
}

void KioskSession::go_out_of_service() { screen_ = Screen::OutOfService; }

std::optional<std::chrono::milliseconds> KioskSession::time_until_reset() const {
  // The welcome screen holds nothing about anyone, except a language choice worth resetting.
  if (screen_ == Screen::OutOfService) return std::nullopt;
  if (screen_ == Screen::Welcome && language_ == settings_.default_language) return std::nullopt;
  auto deadline = last_activity_ + settings_.inactivity_timeout;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_.steady_now());
  return left.count() > 0 ? left : std::chrono::milliseconds{0};
}

void KioskSession::reset() {
  screen_ = Screen::Welcome;
  language_ = settings_.default_language;
  last_activity_ = clock_.steady_now();
}

}  // namespace kiosk
