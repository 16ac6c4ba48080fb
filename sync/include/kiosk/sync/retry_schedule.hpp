#pragma once
// When the uploader may try again after a failure. Exponential backoff with full jitter: the
// wait is drawn at random between zero and a ceiling that doubles with each failure up to a cap,
// so that a hundred kiosks cut off together do not all come back in the same second. When head
// office says when (Retry-After, in seconds), that is the wait, clamped to 1 s .. 1 h.

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

#include "kiosk/core/clock.hpp"

namespace kiosk::sync {

inline constexpr std::chrono::seconds kMinRetryAfter{1};
inline constexpr std::chrono::seconds kMaxRetryAfter{3600};

struct RetrySettings {
  std::chrono::milliseconds first_ceiling{1000};
  std::chrono::milliseconds cap{std::chrono::minutes{5}};
  std::uint64_t seed = 0;  // 0: seeded from the system's randomness
};

class RetrySchedule {
 public:
  RetrySchedule(RetrySettings settings, const Clock& clock);

  void succeeded();
  // Returns the wait chosen before the next attempt.
  std::chrono::milliseconds failed(std::optional<std::chrono::seconds> retry_after = std::nullopt);

  bool due() const { return clock_->steady_now() >= next_attempt_; }
  std::chrono::steady_clock::time_point next_attempt() const { return next_attempt_; }
  int consecutive_failures() const { return failures_; }
  // The most the next failure's wait can be.
  std::chrono::milliseconds ceiling() const;

 private:
  RetrySettings settings_;
  const Clock* clock_;
  std::mt19937_64 random_;
  int failures_ = 0;
  std::chrono::steady_clock::time_point next_attempt_{};
};

}  // namespace kiosk::sync
