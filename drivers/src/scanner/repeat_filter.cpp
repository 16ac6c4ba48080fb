#include "repeat_filter.hpp"

#include <algorithm>

#include "kiosk/core/sensitive.hpp"

namespace kiosk::drivers {

RepeatFilter::RepeatFilter(std::chrono::milliseconds repeat_window, int confirmations)
    : repeat_window_(repeat_window), confirmations_(std::max(1, confirmations)) {}

RepeatFilter::~RepeatFilter() {
  wipe(delivered_);
  wipe(candidate_);
}

bool RepeatFilter::admit(const Payload& payload, std::chrono::steady_clock::time_point now) {
  const bool in_view = repeat_window_.count() > 0 && !delivered_.empty() && payload == delivered_ &&
                       now - delivered_seen_ <= repeat_window_;
  if (in_view) {
    delivered_seen_ = now;
    return false;
  }
  if (payload == candidate_) {
    ++candidate_reads_;
  } else {
    wipe(candidate_);
    candidate_ = payload;
    candidate_reads_ = 1;
  }
  if (candidate_reads_ < confirmations_) return false;
  wipe(delivered_);
  delivered_ = payload;
  delivered_seen_ = now;
  wipe(candidate_);
  candidate_reads_ = 0;
  return true;
}

}  // namespace kiosk::drivers
