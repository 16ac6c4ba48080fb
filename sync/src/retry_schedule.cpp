#include "kiosk/sync/retry_schedule.hpp"

#include <algorithm>

namespace kiosk::sync {

RetrySchedule::RetrySchedule(RetrySettings settings, const Clock& clock)
    : settings_(settings),
      clock_(&clock),
      random_(settings.seed != 0 ? settings.seed : std::random_device{}()) {}

void RetrySchedule::succeeded() {
  failures_ = 0;
  next_attempt_ = clock_->steady_now();
}

std::chrono::milliseconds RetrySchedule::ceiling() const {
  // Doubling stops well before it could overflow: the cap is reached long before 2^20.
  const int doublings = std::min(failures_, 20);
  const auto grown = settings_.first_ceiling * (std::int64_t{1} << doublings);
  return std::min(grown, settings_.cap);
}

std::chrono::milliseconds RetrySchedule::failed(std::optional<std::chrono::seconds> retry_after) {
  std::chrono::milliseconds wait{0};
  if (retry_after) {
    wait = std::clamp<std::chrono::milliseconds>(*retry_after, kMinRetryAfter, kMaxRetryAfter);
  } else {
    std::uniform_int_distribution<std::int64_t> draw(0, ceiling().count());
    wait = std::chrono::milliseconds{draw(random_)};
  }
  ++failures_;
  next_attempt_ = clock_->steady_now() + wait;
  return wait;
}

}  // namespace kiosk::sync
