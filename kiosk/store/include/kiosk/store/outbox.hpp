#pragma once
// Sealed envelopes waiting for head office. A row is written in the same transaction as its
// ledger row and leaves only when head office acknowledged that record id.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::store {

struct OutboxItem {
  std::string record_id;
  Bytes envelope;
  std::int64_t attempts = 0;
  std::int64_t seq = 0;  // 0 for an envelope written before schema 2
};

// The queue as a tech sees it.
struct OutboxSummary {
  std::int64_t pending = 0;
  std::optional<std::chrono::system_clock::time_point> oldest_pending;
  std::int64_t quarantined = 0;
  std::int64_t delivered = 0;
};

// Where the next envelope's number and link come from.
struct EnvelopeChainHead {
  std::int64_t last_seq = 0;
  Bytes last_hash = Bytes(32, 0);
};

class Outbox {
 public:
  explicit Outbox(SqliteDatabase& db) : db_(db) {}
  // Call inside the caller's transaction, which also reads the chain head: numbers are
  // assigned under the write lock, so they never repeat or skip.
  Expected<EnvelopeChainHead, StoreError> chain_head();
  Status<StoreError> add(const std::string& record_id, const Bytes& envelope, std::int64_t seq,
                         std::span<const unsigned char> chain_hash, std::chrono::system_clock::time_point at);
  // Oldest first, at most `limit`.
  Expected<std::vector<OutboxItem>, StoreError> pending(std::int64_t limit);
  Expected<std::int64_t, StoreError> pending_count();
  Expected<OutboxSummary, StoreError> summary();
  // One more delivery attempt for these records (shown to a tech; never a reason to give up).
  Status<StoreError> note_attempt(std::span<const std::string> record_ids);
  // Head office has the record: the row goes, and the ledger keeps a note that it went. Runs in
  // the caller's transaction when there is one.
  Status<StoreError> acknowledge(const std::string& record_id, std::chrono::system_clock::time_point at);
  Status<StoreError> acknowledge(std::span<const std::string> record_ids,
                                 std::chrono::system_clock::time_point at);
  // Head office refused the record for good: it moves to quarantine with head office's reason,
  // never out of the database. Runs in the caller's transaction when there is one.
  Status<StoreError> quarantine(const std::string& record_id, std::string_view code, std::string_view detail,
                                std::chrono::system_clock::time_point at);

 private:
  SqliteDatabase& db_;
};

}  // namespace kiosk::store
