#include "kiosk/sync/sync_worker.hpp"

#include <algorithm>
#include <exception>

namespace kiosk::sync {

SyncWorker::SyncWorker(SyncWorkerOptions options, TransportFactory make_transport, const Clock& clock,
                       Logger& logger)
    : options_(std::move(options)),
      make_transport_(std::move(make_transport)),
      clock_(clock),
      logger_(logger),
      thread_([this] { run(); }) {}

SyncWorker::~SyncWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    if (transport_) transport_->interrupt();
  }
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

Expected<std::unique_ptr<OutboxUploader>, store::StoreError> SyncWorker::open_uploader() {
  auto opened = store::open_kiosk_store(options_.store, clock_, logger_);
  if (!opened) return fail(opened.error());
  if (!opened->keys.trust) {
    return fail(
        store::StoreError{store::StoreErrc::KeyFile, "this kiosk is not enrolled: nothing to sync with"});
  }
  HttpsTransport* transport = nullptr;
  {
    std::lock_guard lock(mutex_);
    if (!transport_) transport_ = make_transport_(*opened->keys.trust);
    if (stopping_) transport_->interrupt();
    transport = transport_.get();
  }
  return OutboxUploader::over(std::move(*opened), options_.store.kiosk_id, *transport, options_.uploader,
                              clock_, logger_);
}

void SyncWorker::turn(std::unique_ptr<OutboxUploader>& uploader) {
  if (!uploader) {
    auto opened = open_uploader();
    std::lock_guard lock(mutex_);
    if (!opened) {
      if (snapshot_.open_error != opened.error().detail) {
        logger_.error("sync", "cannot open the store to deliver it: " + opened.error().detail);
      }
      snapshot_.open_error = opened.error().detail;
      return;
    }
    uploader = std::move(*opened);
    snapshot_.open_error.clear();
  }
  if (!uploader->due()) return;
  DrainReport report = uploader->drain();
  if (report.acked > 0 || report.quarantined > 0) {
    logger_.info("sync", "delivered " + std::to_string(report.acked) + ", quarantined " +
                             std::to_string(report.quarantined) + ", pending " +
                             std::to_string(report.pending));
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
