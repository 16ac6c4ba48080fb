#pragma once
// The system clock, moved ahead by hand: the demo tour shows the inactivity countdown without
// waiting a minute for it. Nothing else moves it.

#include <chrono>

#include "kiosk/core/clock.hpp"

namespace kiosk {

class TourClock final : public Clock {
 public:
  explicit TourClock(const Clock& base) : base_(base) {}
  time_point now() const override { return base_.now() + ahead_; }
  std::chrono::steady_clock::time_point steady_now() const override { return base_.steady_now() + ahead_; }
  void advance(std::chrono::milliseconds by) { ahead_ += by; }

 private:
  const Clock& base_;
  std::chrono::milliseconds ahead_{0};
};

}  // namespace kiosk
