#include "kiosk/drivers/scanner/scan_queue.hpp"

namespace kiosk::drivers {

ScanQueue::ScanQueue(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

ScanQueue::Pushed ScanQueue::push(Scan scan) {
  Pushed result = Pushed::Queued;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return Pushed::Closed;
    if (scans_.size() >= capacity_) {
      scans_.pop_front();
      ++dropped_;
      result = Pushed::DroppedOldest;
    }
    scans_.push_back(std::move(scan));
  }
  ready_.notify_one();
  std::lock_guard wake_lock(wake_mutex_);
  if (wake_) wake_();
  return result;
}

std::optional<Scan> ScanQueue::pop(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  ready_.wait_for(lock, timeout, [this] { return !scans_.empty() || closed_; });
  if (scans_.empty()) return std::nullopt;
  Scan scan = std::move(scans_.front());
  scans_.pop_front();
  return scan;
}

std::optional<Scan> ScanQueue::try_pop() {
  return pop(std::chrono::milliseconds(0));
}

void ScanQueue::set_wake_callback(std::function<void()> wake) {
  std::lock_guard lock(wake_mutex_);
  wake_ = std::move(wake);
}

void ScanQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

std::size_t ScanQueue::size() const {
  std::lock_guard lock(mutex_);
  return scans_.size();
}

std::uint64_t ScanQueue::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

}  // namespace kiosk::drivers
