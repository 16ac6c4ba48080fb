#pragma once
// The client session as a state machine. The view shows `screen()` and reports what the person
// did as a SessionAction; every rule about what happens next lives here.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <variant>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/identity/aamva_error.hpp"
#include "kiosk/core/identity/id_document.hpp"
#include "kiosk/core/language.hpp"

namespace kiosk {

enum class Screen {
  Welcome,       // attract screen: choose a language, start
  ScanId,           // waiting for the client's ID barcode
  ConfirmIdentity,  // "Is this you?" with the name read from the card
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
// The client says the name shown is theirs, or is not.
struct ConfirmIdentity {};
struct RejectIdentity {};
// Any touch at all: it keeps the session alive without changing anything else.
struct Touch {};
}  // namespace action

using SessionAction = std::variant<action::ChooseLanguage, action::Begin, action::Cancel,
                                   action::ConfirmIdentity, action::RejectIdentity, action::Touch>;

// Why a scanned card was not accepted. The client sees `message()` and tries again.
struct ScanRefusal {
  enum class Reason { Unreadable, Expired, UnderAge };
  Reason reason;
  identity::AamvaErrc unreadable_code{};  // set when reason is Unreadable
  int required_age = 0;                   // set when reason is UnderAge

  Bilingual message() const;
  std::string_view code() const;  // stable, for logs: never the card's content
};

struct SessionSettings {
  Language default_language = Language::English;
  // A walked-away client's screen clears itself after this long without a touch.
  std::chrono::seconds inactivity_timeout{60};
};

class KioskSession {
 public:
  KioskSession(const Clock& clock, SessionSettings settings);

  void apply(const SessionAction& action);
  // A complete barcode from any scanner. Accepted on the welcome and scan screens only: a card
  // swiped while someone else's session is on screen must not replace their identity.
  void on_scan(std::span<const std::uint8_t> payload);
  // Clears an abandoned session. Returns true when that changed what is on screen.
  bool tick();
  void go_out_of_service();

  Screen screen() const { return screen_; }
  Language language() const { return language_; }
  // The identity read from the card, while the session holds one (wiped on reset).
  const identity::IdDocument* identity() const { return identity_.get(); }
  const std::optional<ScanRefusal>& scan_refusal() const { return refusal_; }
  // How long until tick() would clear the session; empty when nothing is pending.
  std::optional<std::chrono::milliseconds> time_until_reset() const;

 private:
  void reset();

  const Clock& clock_;
  SessionSettings settings_;
  Screen screen_ = Screen::Welcome;
  Language language_;
  std::chrono::steady_clock::time_point last_activity_;
  std::unique_ptr<identity::IdDocument> identity_;
  std::optional<ScanRefusal> refusal_;
};

}  // namespace kiosk
