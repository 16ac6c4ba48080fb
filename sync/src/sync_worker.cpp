#include "kiosk/sync/sync_worker.hpp"

#include <algorithm>
#include <exception>

namespace kiosk::sync {

SyncWorker::SyncWorker(SyncWorkerOptions options, std::unique_ptr<HttpsTransport> transport, const Clock& clock,
                       Logger& logger)
    : options_(std::move(options)),
      transport_(std::move(transport)),
      clock_(clock),
      logger_(logger),
      thread_([this] { run(); }) {}

SyncWorker::~SyncWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  transport_->interrupt();
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncWorker::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeup_.notify_all();
}

SyncSnapshot SyncWorker::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

std::chrono::milliseconds SyncWorker::wait_before_next(const OutboxUploader* uploader) const {
  auto wait = options_.interval;
  if (uploader != nullptr && !uploader->due()) {
    wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(uploader->next_attempt() -
                                                                               clock_.steady_now()));
  }
  return std::max(wait, std::chrono::milliseconds{0});
}

void SyncWorker::turn(std::unique_ptr<OutboxUploader>& uploader) {
  if (!uploader) {
    auto opened = OutboxUploader::open(options_.store, *transport_, options_.uploader, clock_, logger_);
    if (!opened) {
      std::lock_guard lock(mutex_);
      if (snapshot_.open_error != opened.error().detail) {
        logger_.error("sync", "cannot open the store to deliver it: " + opened.error().detail);
      }
      snapshot_.open_error = opened.error().detail;
      return;
    }
    uploader = std::move(*opened);
    std::lock_guard lock(mutex_);
    snapshot_.open_error.clear();
  }
  if (!uploader->due()) return;
  DrainReport report = uploader->drain();
  if (report.acked > 0 || report.quarantined > 0) {
    logger_.info("sync", "delivered " + std::to_string(report.acked) + ", quarantined " +
                             std::to_string(report.quarantined) + ", pending " + std::to_string(report.pending));
  }
  std::lock_guard lock(mutex_);
  ++snapshot_.drains;
  snapshot_.last = std::move(report);
}

void SyncWorker::run() noexcept {
  std::unique_ptr<OutboxUploader> uploader;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      woken_ = false;
    }
    try {
      turn(uploader);
    } catch (const std::exception& e) {
      logger_.error("sync", std::string("sync worker: ") + e.what());
    } catch (...) {
      logger_.error("sync", "sync worker: unknown exception");
    }
    std::unique_lock lock(mutex_);
    wakeup_.wait_for(lock, wait_before_next(uploader.get()), [this] { return stopping_ || woken_; });
  }
}

}  // namespace kiosk::sync
