#pragma once
// The one clock. Rules that depend on time (inactivity, expiry, age) take a Clock so tests can
// move time by hand instead of sleeping.

#include <chrono>

namespace kiosk {

class Clock {
 public:
  using time_point = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  // Wall time: for dates (age, expiry) and record timestamps.
  virtual time_point now() const = 0;
  // Monotonic time: for timeouts, immune to the wall clock being set.
  virtual std::chrono::steady_clock::time_point steady_now() const = 0;

  std::chrono::year_month_day today() const;
};

class SystemClock final : public Clock {
 public:
  time_point now() const override { return std::chrono::system_clock::now(); }
  std::chrono::steady_clock::time_point steady_now() const override {
    return std::chrono::steady_clock::now();
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(time_point start) : wall_(start) {}
  time_point now() const override { return wall_; }
  std::chrono::steady_clock::time_point steady_now() const override { return steady_; }
  void advance(std::chrono::milliseconds by) {
    wall_ += by;
    steady_ += by;
  }

 private:
  time_point wall_;
  std::chrono::steady_clock::time_point steady_{};
};

}  // namespace kiosk
