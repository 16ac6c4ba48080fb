#pragma once
// Staff mode as a state machine, beside the client's session: a staff number and PIN typed on
// the keypad, the store's verdict, then the associate's or the tech's screen until they sign
// out or walk away. The view shows `screen()` and reports touches as a StaffAction; the app
// carries PIN checks and audit entries to the store and brings the answers back.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/language.hpp"
#include "kiosk/core/staff/pin_rules.hpp"

namespace kiosk::staff {

enum class StaffScreen {
  Closed,         // the client's screens are shown
  StaffNumber,    // keypad: who is signing in
  Pin,            // keypad: their PIN
  AssociateHome,  // an associate signed in: the kiosk's sync status
  Diagnostics,    // a tech signed in: diagnostics and return to service
};

std::string_view to_string(StaffScreen screen);

namespace staff_action {
struct Open {};
struct Digit {
  char digit;  // '0'..'9'
};
struct Erase {};
struct Confirm {};
// Back one step on the keypad; closes staff mode from the staff-number step.
struct Cancel {};
struct SignOut {};
struct ReturnToService {};
// An associate starts a client's session at their side: staff mode closes, the client's opens.
struct StartAssisted {};
struct ChooseLanguage {
  Language language;
};
struct Touch {};
}  // namespace staff_action

using StaffAction =
    std::variant<staff_action::Open, staff_action::Digit, staff_action::Erase, staff_action::Confirm,
                 staff_action::Cancel, staff_action::SignOut, staff_action::ReturnToService,
                 staff_action::ChooseLanguage, staff_action::Touch, staff_action::StartAssisted>;

// What the keypad says after the last attempt.
struct KeypadMessage {
  enum class Kind { None, NotRecognised, LockedOut, Unavailable };
  Kind kind = Kind::None;
  int attempts_left = 0;
  std::optional<std::chrono::system_clock::time_point> locked_until;
};

// A PIN for the store to check. The PIN's bytes are wiped when this is dropped.
struct PinCheckRequest {
  std::uint64_t serial = 0;
  std::string staff_id;
  std::string pin;
  PinCheckRequest() = default;
  PinCheckRequest(std::uint64_t s, std::string id, std::string p);
  PinCheckRequest(PinCheckRequest&& other) noexcept;
  PinCheckRequest& operator=(PinCheckRequest&& other) noexcept;
  PinCheckRequest(const PinCheckRequest&) = delete;
  PinCheckRequest& operator=(const PinCheckRequest&) = delete;
  ~PinCheckRequest();
};

// What the audit log is to hold about this staff session (sign-in is written by the PIN check).
struct StaffEvent {
  enum class Kind { SignedOut, TimedOut, ReturnedToService, StartedAssisted };
  std::string staff_id;
  Kind kind;
};

struct StaffSessionSettings {
  Language default_language = Language::English;
  // A signed-in staff member who walks away is signed out after this long without a touch.
  std::chrono::seconds inactivity_timeout{120};
};

class StaffSession {
 public:
  StaffSession(const Clock& clock, StaffSessionSettings settings);
  ~StaffSession();
  StaffSession(const StaffSession&) = delete;
  StaffSession& operator=(const StaffSession&) = delete;

  void apply(const StaffAction& action);
  // Signs out or closes an abandoned keypad. True when that changed the screen.
  bool tick();

  // The PIN to check, once; empty when none is waiting.
  std::optional<PinCheckRequest> take_pin_check();
  // The store's answer; `verdict` empty when the store could not check it.
  void on_pin_checked(std::uint64_t serial, std::optional<PinVerdict> verdict);
  // A tech asked to return the kiosk to service; true once per request.
  bool take_return_to_service();
  // The app's answer: back in service (the tech is signed out, their job done), or still not.
  void on_return_to_service(bool back_in_service);
  std::vector<StaffEvent> take_events();
  // The associate who asked to start an assisted session, once (staff mode has closed).
  std::optional<std::string> take_assisted_start();

  StaffScreen screen() const { return screen_; }
  bool active() const { return screen_ != StaffScreen::Closed; }
  Language language() const { return language_; }
  std::size_t digits_entered() const;
  // The staff number as typed: shown, since it is not a secret.
  const std::string& staff_id() const { return staff_id_; }
  std::optional<StaffRole> role() const { return role_; }
  bool checking() const { return checking_; }
  const KeypadMessage& message() const { return message_; }
  // The last return to service failed: the fault is still there.
  bool still_out_of_service() const { return still_out_of_service_; }
  std::optional<std::chrono::milliseconds> time_until_sign_out() const;

 private:
  void key(char digit);
  void erase();
  void confirm();
  void cancel();
  void close(std::optional<StaffEvent::Kind> event);
  void clear_pin();

  const Clock& clock_;
  StaffSessionSettings settings_;
  StaffScreen screen_ = StaffScreen::Closed;
  Language language_;
  std::chrono::steady_clock::time_point last_activity_;
  std::string staff_id_;
  std::string pin_;
  std::optional<PinCheckRequest> pending_check_;
  bool checking_ = false;
  std::uint64_t serial_ = 1;
  std::optional<StaffRole> role_;
  KeypadMessage message_;
  bool return_requested_ = false;
  bool still_out_of_service_ = false;
  std::vector<StaffEvent> events_;
  std::optional<std::string> assisted_start_;
};

}  // namespace kiosk::staff
