#include <catch2/catch.hpp>

#include "kiosk/core/staff/pin_rules.hpp"

using namespace kiosk::staff;
using namespace std::chrono_literals;

TEST_CASE("a PIN is 6 to 12 digits and a staff id is a staff number") {
  CHECK_FALSE(check_pin_format("123456").has_value());
  CHECK(check_pin_format("12345") == PinProblem::TooShort);
  CHECK(check_pin_format("1234567890123") == PinProblem::TooLong);
  CHECK(check_pin_format("12345a") == PinProblem::NotDigits);
  CHECK(check_pin_format(" 123456") == PinProblem::NotDigits);
  CHECK(is_valid_staff_id("0042"));
  CHECK_FALSE(is_valid_staff_id("7"));
  CHECK_FALSE(is_valid_staff_id("assoc-1"));
  CHECK(staff_role_from_string("tech") == StaffRole::Tech);
  CHECK(staff_role_from_string("associate") == StaffRole::Associate);
  CHECK_FALSE(staff_role_from_string("admin").has_value());
}

TEST_CASE("the fifth wrong PIN in a row locks out, each lockout twice as long, up to the longest") {
  const LockoutPolicy policy;  // 5 failures, 60 s first, 1 h longest
  const std::chrono::system_clock::time_point now{std::chrono::hours{1000}};
  PinAttempts attempts;
  for (int i = 0; i < 4; ++i) attempts = after_wrong_pin(policy, attempts, now);
  CHECK_FALSE(attempts.locked_at(now));
  CHECK(attempts_left(policy, attempts) == 1);
  attempts = after_wrong_pin(policy, attempts, now);
  REQUIRE(attempts.locked_at(now));
  CHECK(*attempts.locked_until == now + 60s);
  CHECK(attempts_left(policy, attempts) == 5);  // the count starts again once the lockout ends
  CHECK_FALSE(attempts.locked_at(now + 60s));

  const auto later = now + 61s;
  for (int i = 0; i < 5; ++i) attempts = after_wrong_pin(policy, attempts, later);
  CHECK(*attempts.locked_until == later + 120s);
  CHECK(lockout_period(policy, 2) == 240s);
  CHECK(lockout_period(policy, 6) == 3600s);
  CHECK(lockout_period(policy, 60) == 3600s);
}
