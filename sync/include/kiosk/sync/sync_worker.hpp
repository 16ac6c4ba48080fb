#pragma once
// The kiosk's background delivery: a thread that drains the outbox when a commit wakes it, and
// every `interval` otherwise, respecting the uploader's backoff. It opens its own store
// connection (retrying if that fails), never lets an exception out of the thread, and stops
// promptly when destroyed: a transfer in progress is interrupted.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "kiosk/sync/outbox_uploader.hpp"

namespace kiosk::sync {

struct SyncWorkerOptions {
  store::StoreOptions store;
  UploaderSettings uploader;
  std::chrono::milliseconds interval{std::chrono::seconds{60}};
};

// What the worker saw last, for a tech's screen and tests.
struct SyncSnapshot {
  std::uint64_t drains = 0;
  DrainReport last;
  std::string open_error;  // why the store could not be opened, if it could not
};

// Builds the transport from the keys the store checked: the certificate pinned is the one the
// database recorded, never a file read before that check.
using TransportFactory = std::function<std::unique_ptr<HttpsTransport>(const store::HeadOfficeTrust& trust)>;

class SyncWorker {
 public:
  SyncWorker(SyncWorkerOptions options, TransportFactory make_transport, const Clock& clock, Logger& logger);
  ~SyncWorker();
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  // Something was committed: deliver it soon (unless backing off after a failure).
  void wake();
  SyncSnapshot snapshot() const;

 private:
  void run() noexcept;
  void turn(std::unique_ptr<OutboxUploader>& uploader);
  Expected<std::unique_ptr<OutboxUploader>, store::StoreError> open_uploader();
  std::chrono::milliseconds wait_before_next(const OutboxUploader* uploader) const;

  SyncWorkerOptions options_;
  TransportFactory make_transport_;
  std::unique_ptr<HttpsTransport> transport_;  // made on the worker's thread; guarded by mutex_
  const Clock& clock_;
  Logger& logger_;
  mutable std::mutex mutex_;
  std::condition_variable wakeup_;
  bool stopping_ = false;
  bool woken_ = false;
  SyncSnapshot snapshot_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace kiosk::sync
