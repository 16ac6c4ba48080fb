#pragma once
// Where every scan source leaves complete scans for the session. Sources push from their own
// threads; the UI loop pops. Bounded: if nobody takes scans (the UI is stalled), the oldest is
// dropped, because the newest is the one the person at the kiosk just made.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

#include "kiosk/drivers/scanner/scan.hpp"

namespace kiosk::drivers {

class ScanQueue {
 public:
  enum class Pushed { Queued, DroppedOldest, Closed };

  explicit ScanQueue(std::size_t capacity = 8);
  ScanQueue(const ScanQueue&) = delete;
  ScanQueue& operator=(const ScanQueue&) = delete;

  // Thread-safe. Calls the wake callback, outside the queue's lock, unless the queue is closed.
  Pushed push(Scan scan);
  // Waits up to `timeout` for a scan; empty on timeout or once closed and drained.
  std::optional<Scan> pop(std::chrono::milliseconds timeout);
  std::optional<Scan> try_pop();

  // Called after every accepted push, on the pushing thread: e.g. to wake the UI loop's wait.
  // It must be cheap and thread-safe. Replace it with an empty function before its target dies.
  void set_wake_callback(std::function<void()> wake);

  // Refuses further pushes and wakes every waiting pop.
  void close();

  std::size_t size() const;
  std::size_t capacity() const { return capacity_; }
  std::uint64_t dropped() const;

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Scan> scans_;
  std::function<void()> wake_;
  std::mutex wake_mutex_;  // separate, so a wake callback may itself look at the queue
  std::uint64_t dropped_ = 0;
  bool closed_ = false;
};

}  // namespace kiosk::drivers
