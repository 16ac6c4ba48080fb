#pragma once
// The rules for staff PINs, apart from where they are kept: who may hold one, what a PIN must
// look like, and how repeated failures lock a staff member out for longer each time.

#include <chrono>
#include <optional>
#include <string_view>

namespace kiosk::staff {

enum class StaffRole { Associate, Tech };

std::string_view to_string(StaffRole role);
std::optional<StaffRole> staff_role_from_string(std::string_view text);

// The kiosk's keypad has digits only, so a staff id is a staff number.
inline constexpr std::size_t kShortestStaffId = 2;
inline constexpr std::size_t kLongestStaffId = 12;
bool is_valid_staff_id(std::string_view id);

inline constexpr std::size_t kShortestPin = 6;
inline constexpr std::size_t kLongestPin = 12;

enum class PinProblem { TooShort, TooLong, NotDigits };
std::string_view to_string(PinProblem problem);
std::optional<PinProblem> check_pin_format(std::string_view pin);

struct LockoutPolicy {
  int failures_before_lockout = 5;
  std::chrono::seconds first_lockout{60};
  // Each lockout doubles the one before, up to this.
  std::chrono::seconds longest_lockout{std::chrono::hours{1}};
};

// What survives a restart: wall-clock times, since a monotonic clock restarts with the process.
struct PinAttempts {
  int consecutive_failures = 0;
  int lockouts = 0;  // since the last accepted PIN
  std::optional<std::chrono::system_clock::time_point> locked_until;

  bool locked_at(std::chrono::system_clock::time_point now) const {
    return locked_until && now < *locked_until;
  }
};

std::chrono::seconds lockout_period(const LockoutPolicy& policy, int earlier_lockouts);
PinAttempts after_wrong_pin(const LockoutPolicy& policy, PinAttempts attempts,
                            std::chrono::system_clock::time_point now);
int attempts_left(const LockoutPolicy& policy, const PinAttempts& attempts);

// The answer to one PIN entered at the kiosk.
enum class PinVerdictCode { Accepted, WrongPin, LockedOut, UnknownStaff };
std::string_view to_string(PinVerdictCode code);

struct PinVerdict {
  PinVerdictCode code = PinVerdictCode::WrongPin;
  std::optional<StaffRole> role;                                      // when Accepted
  std::optional<std::chrono::system_clock::time_point> locked_until;  // when LockedOut
  int attempts_left = 0;                                              // when WrongPin
};

}  // namespace kiosk::staff
