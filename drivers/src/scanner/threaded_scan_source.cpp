#include "kiosk/drivers/scanner/threaded_scan_source.hpp"

namespace kiosk::drivers {

ThreadedScanSource::ThreadedScanSource(ScanSourceKind kind, const Clock& clock, Logger& logger)
    : kind_(kind), clock_(clock), logger_(logger) {}

ThreadedScanSource::~ThreadedScanSource() {
  // A safety net only: by now the derived part is gone, so its destructor should have stopped us.
  stop();
}

void ThreadedScanSource::start(ScanQueue& queue) {
  if (thread_.joinable()) return;
  queue_ = &queue;
  thread_ = std::jthread([this](std::stop_token stop) { run(std::move(stop)); });
}

void ThreadedScanSource::stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  interrupt();
  {
    // Taking the lock orders the notify after a sleeper's predicate check.
    std::lock_guard lock(sleep_mutex_);
  }
  sleep_cv_.notify_all();
  thread_.join();
  set_status(SourceState::Stopped);
}

SourceStatus ThreadedScanSource::status() const {
  std::lock_guard lock(status_mutex_);
  return status_;
}

void ThreadedScanSource::set_status(SourceState state, std::string detail) {
  SourceStatus next{state, std::move(detail)};
  {
    std::lock_guard lock(status_mutex_);
    if (status_ == next) return;
    status_ = next;
  }
  const auto level =
      (state == SourceState::PermissionDenied || state == SourceState::Busy || state == SourceState::Failed)
          ? LogLevel::Warning
          : LogLevel::Info;
  logger_.write(level, "scanner", std::string(to_string(kind_)) + ": " + next.text(Language::English));
}

void ThreadedScanSource::deliver(std::vector<std::uint8_t> payload, std::string symbology) {
  if (queue_ == nullptr) return;
  const std::size_t bytes = payload.size();
  const auto pushed =
      queue_->push(Scan(std::move(payload), kind_, clock_.steady_now(), std::move(symbology)));
  // The size and source only: the content is a client's identity.
  std::string line = std::string(to_string(kind_)) + ": scan of " + std::to_string(bytes) + " bytes";
  if (pushed == ScanQueue::Pushed::DroppedOldest) line += " (queue full: oldest scan dropped)";
  if (pushed == ScanQueue::Pushed::Closed) line += " (queue closed: dropped)";
  logger_.info("scanner", line);
}

bool ThreadedScanSource::sleep_for(const std::stop_token& stop, std::chrono::milliseconds duration) {
  std::unique_lock lock(sleep_mutex_);
  sleep_cv_.wait_for(lock, stop, duration, [] { return false; });
  return !stop.stop_requested();
}

}  // namespace kiosk::drivers
