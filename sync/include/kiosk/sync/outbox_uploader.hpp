#pragma once
// Delivers the outbox to head office (sync/PROTOCOL.md, "Uploading records"). Oldest first, in
// batches bounded in records and bytes, each request signed with the kiosk's key. A record
// leaves the outbox only when head office acknowledged it (stored or duplicate); a record head
// office refuses for good moves to quarantine with its reason, never away. Failures back off
// (full jitter, or Retry-After clamped to 1 s .. 1 h); a certificate that does not match fails
// closed: libcurl ends the handshake and nothing is sent.
//
// The uploader has its own SQLite connection (WAL: it never blocks the UI's commits; it holds a
// write lock only for the few milliseconds of recording an answer, never across the network).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/protocol/messages.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/sync/https_transport.hpp"
#include "kiosk/sync/retry_schedule.hpp"

namespace kiosk::sync {

struct UploaderSettings {
  std::size_t max_batch_records = 200;
  std::size_t max_batch_bytes = std::size_t{1} << 20;
  RetrySettings retry;
};

// What one drain did, and how the queue stands after it.
struct DrainReport {
  std::int64_t sent = 0;         // records carried in requests head office answered
  std::int64_t acked = 0;        // acknowledged (stored or duplicate): gone from the outbox
  std::int64_t quarantined = 0;  // refused for good: moved to quarantine
  std::int64_t pending = 0;
  std::optional<double> oldest_pending_age_s;
  std::int64_t quarantined_total = 0;
  std::string last_error;                             // empty when the drain ended with nothing left to send
  std::optional<std::chrono::milliseconds> retry_in;  // set after a failure
};

class OutboxUploader {
 public:
  // Opens the kiosk's store on a connection of its own. The kiosk must be enrolled.
  static Expected<std::unique_ptr<OutboxUploader>, store::StoreError> open(const store::StoreOptions& options,
                                                                           HttpsTransport& transport,
                                                                           UploaderSettings settings,
                                                                           const Clock& clock,
                                                                           Logger& logger);
  // Over a store already opened (its keys checked), e.g. to build the transport from its keys.
  static Expected<std::unique_ptr<OutboxUploader>, store::StoreError> over(
      store::OpenedStore opened, std::string kiosk_id, HttpsTransport& transport, UploaderSettings settings,
      const Clock& clock, Logger& logger);
  ~OutboxUploader();
  OutboxUploader(const OutboxUploader&) = delete;
  OutboxUploader& operator=(const OutboxUploader&) = delete;

  // Sends what is waiting, batch by batch, until the outbox is empty or something says stop.
  // Call when due(); never throws.
  DrainReport drain();
  bool due() const { return schedule_.due(); }
  std::chrono::steady_clock::time_point next_attempt() const { return schedule_.next_attempt(); }
  // Ends a drain in progress at the next step. Thread-safe.
  void stop();

  const store::KioskKeys& keys() const { return store_.keys; }
  store::SqliteDatabase& database() { return store_.db; }
  std::size_t batch_limit() const { return batch_limit_; }

 private:
  struct Batch;
  enum class Outcome { Delivered, TooLarge, Malformed, Failed };
  struct Attempt {
    Outcome outcome = Outcome::Failed;
    std::string error;
    std::optional<std::chrono::seconds> retry_after;
  };

  OutboxUploader(store::OpenedStore opened, std::string kiosk_id, HttpsTransport& transport,
                 UploaderSettings settings, const Clock& clock, Logger& logger);

  Expected<Batch, store::StoreError> next_batch();
  Attempt send(const Batch& batch, DrainReport& report);
  Attempt send_one_by_one(const Batch& batch, DrainReport& report);
  Attempt settle(const Batch& batch, const std::string& body, DrainReport& report);
  void follow_announced_key(const protocol::BoxKeyAnnouncement& announced);
  void finish(DrainReport& report, const Attempt* failure);

  store::OpenedStore store_;
  std::string kiosk_id_;
  HttpsTransport* transport_;
  UploaderSettings settings_;
  const Clock* clock_;
  Logger* logger_;
  RetrySchedule schedule_;
  std::size_t batch_limit_;
  std::atomic<bool> stopping_{false};
};

}  // namespace kiosk::sync
