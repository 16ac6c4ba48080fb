#pragma once
// The thread, status and delivery plumbing every ScanSource shares. A source derives from this and
// writes only run(): what its thread does until a stop is requested.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/drivers/scanner/scan_source.hpp"

namespace kiosk::drivers {

class ThreadedScanSource : public ScanSource {
 public:
  ScanSourceKind kind() const final { return kind_; }
  void start(ScanQueue& queue) final;
  void stop() final;
  SourceStatus status() const final;

 protected:
  ThreadedScanSource(ScanSourceKind kind, const Clock& clock, Logger& logger);
  // Derived classes must call stop() in their own destructor: run() uses their members.
  ~ThreadedScanSource() override;

  // The thread's body. It returns when `stop` is requested, or earlier when the source is done.
  virtual void run(std::stop_token stop) = 0;
  // Called on stop() from the stopping thread, to unblock a run() that waits on something other
  // than sleep_for() (libusb's event loop, say).
  virtual void interrupt() {}

  // Logs each change, so the journal shows when a scanner came and went.
  void set_status(SourceState state, std::string detail = {});
  // Hands a complete scan to the queue, stamped with the clock's time.
  void deliver(std::vector<std::uint8_t> payload, std::string symbology = {});
  // Sleeps for `duration` of real time, or until a stop request. False when stopping.
  bool sleep_for(const std::stop_token& stop, std::chrono::milliseconds duration);

  const Clock& clock() const { return clock_; }
  Logger& logger() { return logger_; }

 private:
  const ScanSourceKind kind_;
  const Clock& clock_;
  Logger& logger_;
  ScanQueue* queue_ = nullptr;
  std::jthread thread_;
  mutable std::mutex status_mutex_;
  SourceStatus status_;
  std::mutex sleep_mutex_;
  std::condition_variable_any sleep_cv_;
};

}  // namespace kiosk::drivers
