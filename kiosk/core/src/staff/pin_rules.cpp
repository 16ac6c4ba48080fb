#include "kiosk/core/staff/pin_rules.hpp"

#include <algorithm>

namespace kiosk::staff {
namespace {

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string_view to_string(StaffRole role) {
  return role == StaffRole::Tech ? "tech" : "associate";
}

std::optional<StaffRole> staff_role_from_string(std::string_view text) {
  if (text == "associate") return StaffRole::Associate;
  if (text == "tech") return StaffRole::Tech;
  return std::nullopt;
}

bool is_valid_staff_id(std::string_view id) {
  return id.size() >= kShortestStaffId && id.size() <= kLongestStaffId && all_digits(id);
}

std::string_view to_string(PinProblem problem) {
  switch (problem) {
    case PinProblem::TooShort: return "too-short";
    case PinProblem::TooLong: return "too-long";
    case PinProblem::NotDigits: return "not-digits";
  }
  return "unknown";
}

std::optional<PinProblem> check_pin_format(std::string_view pin) {
  if (!all_digits(pin)) return PinProblem::NotDigits;
  if (pin.size() < kShortestPin) return PinProblem::TooShort;
  if (pin.size() > kLongestPin) return PinProblem::TooLong;
  return std::nullopt;
}

std::chrono::seconds lockout_period(const LockoutPolicy& policy, int earlier_lockouts) {
  std::chrono::seconds period = policy.first_lockout;
  for (int i = 0; i < earlier_lockouts && period < policy.longest_lockout; ++i) period *= 2;
  return std::min(period, policy.longest_lockout);
}

PinAttempts after_wrong_pin(const LockoutPolicy& policy, PinAttempts attempts,
                            std::chrono::system_clock::time_point now) {
  ++attempts.consecutive_failures;
  if (attempts.consecutive_failures >= policy.failures_before_lockout) {
    attempts.locked_until = now + lockout_period(policy, attempts.lockouts);
    ++attempts.lockouts;
    attempts.consecutive_failures = 0;
  }
  return attempts;
}

int attempts_left(const LockoutPolicy& policy, const PinAttempts& attempts) {
  return std::max(0, policy.failures_before_lockout - attempts.consecutive_failures);
}

std::string_view to_string(PinVerdictCode code) {
  switch (code) {
    case PinVerdictCode::Accepted: return "accepted";
    case PinVerdictCode::WrongPin: return "wrong-pin";
    case PinVerdictCode::LockedOut: return "locked-out";
    case PinVerdictCode::UnknownStaff: return "unknown-staff";
  }
  return "unknown";
}

}  // namespace kiosk::staff
