#pragma once
// The client session as a state machine. The view shows `screen()` and reports what the person
// did as a SessionAction; every rule about what happens next lives here.

#include <chrono>
#include <optional>
#include <string_view>
#include <variant>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/language.hpp"

namespace kiosk {

enum class Screen {
  Welcome,       // attract screen: choose a language, start
  ScanId,        // waiting for the client's ID barcode
  OutOfService,  // the kiosk cannot record consents safely; a tech must look
};

std::string_view to_string(Screen screen);

namespace action {
struct ChooseLanguage {
  Language language;
};
// Starts a session, optionally in the language whose button was touched.
struct Begin {
  std::optional<Language> language;
};
struct Cancel {};
// Any touch at all: it keeps the session alive without changing anything else.
struct Touch {};
}  // namespace action

using SessionAction =
    std::variant<action::ChooseLanguage, action::Begin, action::Cancel, action::Touch>;

struct SessionSettings {
  Language default_language = Language::English;
  // A walked-away client's screen clears itself after this long without a touch.
  std::chrono::seconds inactivity_timeout{60};
};

class KioskSession {
 public:
  KioskSession(const Clock& clock, SessionSettings settings);

  void apply(const SessionAction& action);
  // Clears an abandoned session. Returns true when that changed what is on screen.
  bool tick();
  void go_out_of_service();

  Screen screen() const { return screen_; }
  Language language() const { return language_; }
  // How long until tick() would clear the session; empty when nothing is pending.
  std::optional<std::chrono::milliseconds> time_until_reset() const;

 private:
  void reset();

  const Clock& clock_;
  SessionSettings settings_;
  Screen screen_ = Screen::Welcome;
  Language language_;
  std::chrono::steady_clock::time_point last_activity_;
};

}  // namespace kiosk
