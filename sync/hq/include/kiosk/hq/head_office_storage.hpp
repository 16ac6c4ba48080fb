#pragma once
// Where head office keeps what it received: one interface, two backends. SQLite (one file, WAL,
// synchronous=FULL) is the embedded default; PostgreSQL (libpq) is for head offices that outgrow
// one machine, with several `consent-hq serve` processes sharing one database. Every method may
// be called from many threads at once.
//
// A record is keyed by (kiosk id, record id) under a UNIQUE constraint: whichever process gets a
// second copy, it is reported as a duplicate and never becomes a second row.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/hq/hq_error.hpp"
#include "kiosk/seal/keys.hpp"

namespace kiosk::hq {

// Times are UTC text as consent::format_utc writes them ("2026-11-28T18:40:48.123Z"): they sort
// as text, and read the same on both backends.

struct EnrollmentTokenRow {
  std::string token_id;
  std::vector<unsigned char> secret;
  std::string kiosk_id;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> used_at;
};

// An access request recorded at a kiosk: head office must answer it within 30 days (PIPEDA).
struct AccessRequestRow {
  std::string kiosk_id;
  std::string record_id;
  std::string requested_at;  // when the client asked at the kiosk
  std::string due_at;
  bool by_agent = false;
  std::string status;  // "open" until the privacy office closes it
};

// One opened, verified record, ready to store.
struct ReceivedRecord {
  std::string kiosk_id;
  std::string record_id;
  std::int64_t seq = 0;
  std::string previous_hash;  // hex, as the envelope's header names it
  std::string chain_hash;     // hex
  std::string box_key_id;     // hex: which head-office key it was sealed to
  std::string received_at;
  std::string recorded_at;
  std::string kind;
  std::string client_key;  // head office's keyed hash of the client's document
  std::string policy_version;
  std::string ledger_json;              // pseudonymous: what a kiosk is told
  std::string payload_json;             // the opened payload, identity included: to answer access requests
  std::vector<unsigned char> envelope;  // as signed and sealed: the evidence
  std::optional<AccessRequestRow> access_request;
};

enum class StoreOutcome { Stored, Duplicate };

// What the gap and fork report is made of: one row per stored record.
struct ChainLinkRow {
  std::string kiosk_id;
  std::string record_id;
  std::int64_t seq = 0;
  std::string previous_hash;
  std::string chain_hash;
  std::int64_t arrival = 0;  // increases with each stored record
};

struct ForkRow {
  std::string kiosk_id;
  std::int64_t seq = 0;
  std::string record_id;        // the later arrival
  std::string other_record_id;  // already stored under that number
  std::string detected_at;
};

struct ClientRecordRow {
  std::string kiosk_id;
  std::string record_id;
  std::string recorded_at;
  std::string received_at;
  std::string ledger_json;
};

struct RecordCounts {
  std::int64_t records = 0;
  std::int64_t distinct = 0;
};

// One upload's records, written in one transaction as they arrive, so that storing the first
// ones overlaps with opening the rest. Nothing is visible to anyone before commit(); dropped
// without commit(), everything is rolled back.
class BatchWriter {
 public:
  virtual ~BatchWriter() = default;
  virtual Status<HqError> add(const ReceivedRecord& record) = 0;
  // Commits, then says for each record, in the order added, whether it was new. A record whose
  // (kiosk, seq) is already held by another record id is stored and noted as a fork.
  virtual Expected<std::vector<StoreOutcome>, HqError> commit() = 0;
};

class HeadOfficeStorage {
 public:
  virtual ~HeadOfficeStorage() = default;

  // ---- enrollment ----
  virtual Status<HqError> add_enrollment_token(const EnrollmentTokenRow& token) = 0;
  virtual Expected<std::optional<EnrollmentTokenRow>, HqError> find_enrollment_token(
      std::string_view token_id) = 0;
  // In one transaction: marks the token used unless it already was or has expired by `now`, and
  // registers the kiosk's key. False when it was not consumed (another server got there first).
  virtual Expected<bool, HqError> enroll_kiosk(std::string_view token_id, std::string_view kiosk_id,
                                               const seal::SigningPublicKey& key, std::string_view now) = 0;
  // Every key the kiosk ever enrolled, oldest first; empty for an unknown kiosk.
  virtual Expected<std::vector<seal::SigningPublicKey>, HqError> kiosk_keys(std::string_view kiosk_id) = 0;
  virtual Expected<std::int64_t, HqError> enrolled_kiosks() = 0;

  // ---- records ----
  // One upload of one kiosk: its batches are written one after another, whichever server of
  // a shared database receives them. The writer holds the database (SQLite) or a connection
  // (PostgreSQL) until it is committed or dropped.
  virtual Expected<std::unique_ptr<BatchWriter>, HqError> begin_batch(std::string_view kiosk_id,
                                                                      std::string_view now) = 0;
  // Oldest first (by the time recorded at the kiosk), from every kiosk.
  virtual Expected<std::vector<ClientRecordRow>, HqError> client_records(std::string_view client_key) = 0;
  virtual Expected<RecordCounts, HqError> counts() = 0;
  virtual Status<HqError> each_record_id(const std::function<void(std::string_view)>& visit) = 0;
  // Ordered by kiosk, then seq, then arrival.
  virtual Expected<std::vector<ChainLinkRow>, HqError> chain_links() = 0;
  virtual Expected<std::vector<ForkRow>, HqError> forks() = 0;
  virtual Expected<std::vector<AccessRequestRow>, HqError> access_requests() = 0;
};

struct StorageOptions {
  std::string database;  // a SQLite file path or a postgresql:// URL
  int connections = 4;   // PostgreSQL: the pool of one process
  int busy_timeout_ms = 5000;
};

// Opens an existing head office database; refuses one without head office's schema.
Expected<std::unique_ptr<HeadOfficeStorage>, HqError> open_storage(const StorageOptions& options);
// Creates the schema in a new database (init); refuses one that already holds a head office.
Status<HqError> create_storage(const StorageOptions& options);

}  // namespace kiosk::hq
