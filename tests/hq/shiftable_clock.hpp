#pragma once
// The system clock moved forward by hand, safely while server threads read it: for tests that
// let a token expire or an access request fall due without waiting.

#include <atomic>
#include <chrono>

#include "kiosk/core/clock.hpp"

class ShiftableClock final : public kiosk::Clock {
 public:
  time_point now() const override { return std::chrono::system_clock::now() + shift(); }
  std::chrono::steady_clock::time_point steady_now() const override {
    return std::chrono::steady_clock::now() + shift();
  }
  void advance(std::chrono::milliseconds by) { shift_ms_ += by.count(); }

 private:
  std::chrono::milliseconds shift() const { return std::chrono::milliseconds(shift_ms_.load()); }
  std::atomic<std::int64_t> shift_ms_{0};
};
