#include "kiosk/core/staff/staff_session.hpp"

#include <algorithm>
#include <type_traits>
#include <utility>

#include "kiosk/core/sensitive.hpp"

namespace kiosk::staff {

std::string_view to_string(StaffScreen screen) {
  switch (screen) {
    case StaffScreen::Closed: return "closed";
    case StaffScreen::StaffNumber: return "staff-number";
    case StaffScreen::Pin: return "pin";
    case StaffScreen::AssociateHome: return "associate-home";
    case StaffScreen::Diagnostics: return "diagnostics";
  }
  return "unknown";
}

PinCheckRequest::PinCheckRequest(std::uint64_t s, std::string id, std::string p)
    : serial(s), staff_id(std::move(id)), pin(std::move(p)) {}

PinCheckRequest::PinCheckRequest(PinCheckRequest&& other) noexcept
    : serial(other.serial), staff_id(std::move(other.staff_id)), pin(std::move(other.pin)) {
  wipe(other.pin);
}

PinCheckRequest& PinCheckRequest::operator=(PinCheckRequest&& other) noexcept {
  if (this != &other) {
    wipe(pin);
    serial = other.serial;
    staff_id = std::move(other.staff_id);
    pin = std::move(other.pin);
    wipe(other.pin);
  }
  return *this;
}

PinCheckRequest::~PinCheckRequest() {
  wipe(pin);
}

StaffSession::StaffSession(const Clock& clock, StaffSessionSettings settings)
    : clock_(clock),
      settings_(settings),
      language_(settings.default_language),
      last_activity_(clock.steady_now()) {
  // Room for the longest PIN up front, so that typing never moves its bytes to a new buffer.
  reserve_wiped(pin_, kLongestPin + 1);
}

StaffSession::~StaffSession() {
  clear_pin();
}

void StaffSession::clear_pin() {
  wipe(pin_);
}

std::size_t StaffSession::digits_entered() const {
  return screen_ == StaffScreen::Pin ? pin_.size() : staff_id_.size();
}

void StaffSession::apply(const StaffAction& action) {
  last_activity_ = clock_.steady_now();
  std::visit(
      [this](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, staff_action::Open>) {
          if (screen_ != StaffScreen::Closed) return;
          language_ = settings_.default_language;
          message_ = {};
          screen_ = StaffScreen::StaffNumber;
        } else if constexpr (std::is_same_v<A, staff_action::Digit>) {
          key(a.digit);
        } else if constexpr (std::is_same_v<A, staff_action::Erase>) {
          erase();
        } else if constexpr (std::is_same_v<A, staff_action::Confirm>) {
          confirm();
        } else if constexpr (std::is_same_v<A, staff_action::Cancel>) {
          cancel();
        } else if constexpr (std::is_same_v<A, staff_action::SignOut>) {
          if (role_) close(StaffEvent::Kind::SignedOut);
        } else if constexpr (std::is_same_v<A, staff_action::ReturnToService>) {
          if (screen_ == StaffScreen::Diagnostics && role_ == StaffRole::Tech) return_requested_ = true;
        } else if constexpr (std::is_same_v<A, staff_action::StartAssisted>) {
          if (screen_ != StaffScreen::AssociateHome || role_ != StaffRole::Associate) return;
          assisted_start_ = staff_id_;
          close(StaffEvent::Kind::StartedAssisted);
        } else if constexpr (std::is_same_v<A, staff_action::ChooseLanguage>) {
          language_ = a.language;
        }
      },
      action);
}

void StaffSession::key(char digit) {
  if (checking_ || digit < '0' || digit > '9') return;
  if (screen_ == StaffScreen::StaffNumber && staff_id_.size() < kLongestStaffId) {
    staff_id_ += digit;
  } else if (screen_ == StaffScreen::Pin && pin_.size() < kLongestPin) {
    pin_ += digit;
  }
}

void StaffSession::erase() {
  if (checking_) return;
  if (screen_ == StaffScreen::StaffNumber && !staff_id_.empty()) staff_id_.pop_back();
  if (screen_ == StaffScreen::Pin && !pin_.empty()) {
    pin_.back() = '\0';
    pin_.pop_back();
  }
}

void StaffSession::confirm() {
  if (checking_) return;
  if (screen_ == StaffScreen::StaffNumber) {
    if (!is_valid_staff_id(staff_id_)) return;
    screen_ = StaffScreen::Pin;
    message_ = {};
  } else if (screen_ == StaffScreen::Pin) {
    if (check_pin_format(pin_)) {
      // Too short to be anyone's PIN: refused here, without a trip to the store.
      message_ = {KeypadMessage::Kind::NotRecognised, 0, std::nullopt};
      clear_pin();
      return;
    }
    pending_check_.emplace(++serial_, staff_id_, std::string());
    reserve_wiped(pending_check_->pin, kLongestPin + 1);
    pending_check_->pin.assign(pin_);
    clear_pin();
    checking_ = true;
  }
}

void StaffSession::cancel() {
  if (screen_ == StaffScreen::Pin) {
    clear_pin();
    pending_check_.reset();
    checking_ = false;
    ++serial_;  // a verdict still on its way is for a PIN nobody waits for
    screen_ = StaffScreen::StaffNumber;
    message_ = {};
  } else if (screen_ == StaffScreen::StaffNumber) {
    close(std::nullopt);
  }
}

void StaffSession::close(std::optional<StaffEvent::Kind> event) {
  if (event && role_) events_.push_back({staff_id_, *event});
  clear_pin();
  pending_check_.reset();
  checking_ = false;
  ++serial_;
  staff_id_.clear();
  role_.reset();
  message_ = {};
  return_requested_ = false;
  still_out_of_service_ = false;
  screen_ = StaffScreen::Closed;
}

bool StaffSession::tick() {
  auto left = time_until_sign_out();
  if (!left || left->count() > 0) return false;
  close(StaffEvent::Kind::TimedOut);
  return true;
}

std::optional<std::chrono::milliseconds> StaffSession::time_until_sign_out() const {
  if (screen_ == StaffScreen::Closed || checking_) return std::nullopt;
  const auto idle =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_.steady_now() - last_activity_);
  return std::max(std::chrono::milliseconds{0},
                  std::chrono::duration_cast<std::chrono::milliseconds>(settings_.inactivity_timeout) - idle);
}

std::optional<PinCheckRequest> StaffSession::take_pin_check() {
  std::optional<PinCheckRequest> out = std::move(pending_check_);
  pending_check_.reset();
  return out;
}

void StaffSession::on_pin_checked(std::uint64_t serial, std::optional<PinVerdict> verdict) {
  if (serial != serial_ || !checking_) return;
  checking_ = false;
  last_activity_ = clock_.steady_now();
  if (!verdict) {
    message_ = {KeypadMessage::Kind::Unavailable, 0, std::nullopt};
    return;
  }
  switch (verdict->code) {
    case PinVerdictCode::Accepted:
      role_ = verdict->role;
      message_ = {};
      screen_ = role_ == StaffRole::Tech ? StaffScreen::Diagnostics : StaffScreen::AssociateHome;
      return;
    case PinVerdictCode::LockedOut:
      message_ = {KeypadMessage::Kind::LockedOut, 0, verdict->locked_until};
      return;
    case PinVerdictCode::WrongPin:
    case PinVerdictCode::UnknownStaff:
      // The same words for both: the keypad does not tell which staff numbers exist.
      message_ = {KeypadMessage::Kind::NotRecognised,
                  verdict->code == PinVerdictCode::WrongPin ? verdict->attempts_left : 0, std::nullopt};
      return;
  }
}

bool StaffSession::take_return_to_service() {
  return std::exchange(return_requested_, false);
}

void StaffSession::on_return_to_service(bool back_in_service) {
  if (!back_in_service) {
    still_out_of_service_ = true;
    return;
  }
  close(StaffEvent::Kind::ReturnedToService);
}

std::optional<std::string> StaffSession::take_assisted_start() {
  return std::exchange(assisted_start_, std::nullopt);
}

std::vector<StaffEvent> StaffSession::take_events() {
  return std::exchange(events_, {});
}

}  // namespace kiosk::staff
