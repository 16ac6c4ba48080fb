#include "kiosk/store/kiosk_database.hpp"

#include <array>
#include <string_view>
#include <system_error>

#include "kiosk/core/consent/consent_record.hpp"

namespace kiosk::store {
namespace {

namespace fs = std::filesystem;

// Each entry moves the schema from version i to i + 1. Never edit a shipped entry: append.
constexpr std::array<std::string_view, 5> kMigrations = {
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- Pseudonymous: client_key is the slow keyed hash of the document; body holds choices, no identity.
CREATE TABLE ledger(
  seq INTEGER PRIMARY KEY,
  record_id TEXT NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL,
  client_key BLOB NOT NULL,
  kind TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  body TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  row_hash BLOB NOT NULL);
CREATE INDEX ledger_by_client ON ledger(client_key, seq);
CREATE INDEX ledger_by_time ON ledger(recorded_at);
-- Where a pruned chain resumes: the hash of the last row removed.
CREATE TABLE chain_checkpoint(
  chain TEXT PRIMARY KEY,
  last_seq INTEGER NOT NULL,
  last_hash BLOB NOT NULL,
  pruned_rows INTEGER NOT NULL,
  pruned_at TEXT NOT NULL);
-- Sealed envelopes waiting for head office; a row leaves only when head office acknowledged it.
CREATE TABLE outbox(
  record_id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  envelope BLOB NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0);
CREATE TABLE outbox_delivered(record_id TEXT PRIMARY KEY, delivered_at TEXT NOT NULL);
-- Staff actions: logins, failed PINs, assisted sessions, configuration changes.
CREATE TABLE audit(
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  row_hash BLOB NOT NULL);
)sql",
    // Version 2: head office proves completeness. Envelopes are numbered per kiosk without gaps
    // and linked by hash (the numbers and hashes are not identifying, so they sit beside the
    // sealed bytes, where a salvage of a damaged file can still read them). A record head office
    // refuses for good is quarantined, never dropped.
    R"sql(
CREATE TABLE envelope_chain(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL,
  last_hash BLOB NOT NULL);
ALTER TABLE outbox ADD COLUMN seq INTEGER;
ALTER TABLE outbox ADD COLUMN chain_hash BLOB;
CREATE UNIQUE INDEX outbox_by_seq ON outbox(seq);
CREATE TABLE outbox_quarantine(
  record_id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  envelope BLOB NOT NULL,
  seq INTEGER,
  code TEXT NOT NULL,
  detail TEXT NOT NULL,
  quarantined_at TEXT NOT NULL);
)sql",
    // Version 3: a fresh database that replaced a damaged one takes over the unsent envelopes
    // of the set-aside file; they have no ledger row here, and say where they came from.
    R"sql(
ALTER TABLE outbox ADD COLUMN salvaged_from TEXT;
)sql",
    // Version 4: staff who may sign in at the kiosk. The PIN is kept only as an Argon2id string;
    // failures and lockouts are here so that a restart does not forgive them.
    R"sql(
CREATE TABLE staff(
  staff_id TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('associate', 'tech')),
  pin_hash TEXT NOT NULL,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  lockouts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  enrolled_at TEXT NOT NULL) WITHOUT ROWID;
)sql",
    // Version 5: the uploader takes the outbox in number order a batch at a time; without an
    // index each batch sorted every waiting envelope, so draining a backlog grew with its square.
    R"sql(
CREATE INDEX outbox_in_order ON outbox(coalesce(seq, 0), created_at, record_id);
)sql",
};

// Durability: WAL with a full fsync at every commit. Privacy: temporary tables and sort files
// stay in memory, and freed pages are zeroed so pruned rows do not linger in the file.
constexpr std::string_view kPragmas =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=FULL;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA secure_delete=ON;"
    "PRAGMA cell_size_check=ON;"
    "PRAGMA foreign_keys=ON;";

Status<StoreError> migrate(SqliteDatabase& db) {
  auto version = db.query_int("PRAGMA user_version");
  if (!version) return fail(version.error());
  if (*version > latest_schema_version()) {
    return fail(StoreError{StoreErrc::SchemaTooNew, "schema " + std::to_string(*version)});
  }
  if (*version == latest_schema_version()) return Ok{};
  // Another process may be migrating: re-read the version under the write lock.
  auto transaction = Transaction::begin(db);
  if (!transaction) return fail(transaction.error());
  version = db.query_int("PRAGMA user_version");
  if (!version) return fail(version.error());
  for (auto step = *version; step < latest_schema_version(); ++step) {
    auto applied = db.exec(kMigrations[static_cast<std::size_t>(step)]);
    if (!applied) return applied;
  }
  auto stamped = db.exec("PRAGMA user_version=" + std::to_string(latest_schema_version()));
  if (!stamped) return stamped;
  return transaction->commit();
}

// A look before anything is configured or written. The connection may replay a WAL left by a
// killed process (that only rebuilds the WAL index) but never checkpoints it on close: a damaged
// database's WAL must reach the tech untouched.
Status<StoreError> check_existing(const fs::path& file, const std::string& vfs,
                                  std::chrono::milliseconds busy_timeout) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return Ok{};
  auto db = SqliteDatabase::open(file, OpenFlags{false, vfs, false, true});
  if (!db) return fail(db.error());
  if (auto waits = db->exec("PRAGMA busy_timeout=" + std::to_string(busy_timeout.count())); !waits)
    return waits;
  auto check = db->query_text("PRAGMA quick_check");
  if (!check) return fail(check.error());
  if (*check != "ok") return fail(StoreError{StoreErrc::Corrupt, "quick_check: " + *check});
  return Ok{};
}

Expected<SqliteDatabase, StoreError> open_configured(const fs::path& file, const OpenFlags& flags,
                                                     std::chrono::milliseconds busy_timeout) {
  auto db = SqliteDatabase::open(file, flags);
  if (!db) return db;
  auto configured =
      db->exec("PRAGMA busy_timeout=" + std::to_string(busy_timeout.count()) + ";" + std::string(kPragmas));
  if (!configured) return fail(configured.error());
  auto mode = db->query_text("PRAGMA journal_mode");
  if (!mode) return fail(mode.error());
  if (*mode != "wal")
    return fail(StoreError{StoreErrc::CannotOpen, "WAL mode refused (journal_mode=" + *mode + ")"});
  return db;
}

}  // namespace

int latest_schema_version() {
  return static_cast<int>(kMigrations.size());
}

Expected<SqliteDatabase, StoreError> open_database_read_only(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return fail(StoreError{StoreErrc::NotFound, file.string()});
  fs::path wal = file;
  wal += "-wal";
  const bool in_use = fs::exists(wal, ec);
  auto db = SqliteDatabase::open(file, OpenFlags{false, {}, true, true, !in_use});
  if (!db) return db;
  auto configured = db->exec("PRAGMA busy_timeout=5000; PRAGMA temp_store=MEMORY; PRAGMA query_only=1;");
  if (!configured) return fail(configured.error());
  return db;
}

fs::path set_aside(const fs::path& file, const Clock& clock) {
  std::string stamp = consent::format_utc(clock.now());
  std::erase(stamp, ':');  // colons upset some tools a tech might copy the file with
  fs::path target = file;
  target += ".corrupt-" + stamp;
  for (std::string_view suffix : {"", "-wal", "-shm", "-journal"}) {
    fs::path from = file;
    from += suffix;
    fs::path to = target;
    to += suffix;
    std::error_code ec;
    if (fs::exists(from, ec)) fs::rename(from, to, ec);
  }
  return target;
}

Status<StoreError> set_aside_if_damaged(const fs::path& file, const Clock& clock, const std::string& vfs,
                                        std::chrono::milliseconds busy_timeout) {
  auto healthy = check_existing(file, vfs, busy_timeout);
  if (!healthy && healthy.error().code == StoreErrc::Corrupt) {
    const fs::path aside = set_aside(file, clock);
    return fail(StoreError{StoreErrc::Corrupt, healthy.error().detail + "; set aside as " + aside.string()});
  }
  return healthy;
}

Expected<SqliteDatabase, StoreError> open_service_database(const fs::path& file, const std::string& vfs,
                                                           std::chrono::milliseconds busy_timeout) {
  auto db = open_configured(file, OpenFlags{true, vfs, false, false}, busy_timeout);
  if (!db) return db;
  auto migrated = migrate(*db);
  if (!migrated) return fail(migrated.error());
  return db;
}

Expected<SqliteDatabase, StoreError> open_database_for_inspection(const fs::path& file,
                                                                  const std::string& vfs) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return fail(StoreError{StoreErrc::NotFound, file.string()});
  // Reading must not change the file: a WAL found here stays a WAL.
  auto db = SqliteDatabase::open(file, OpenFlags{false, vfs, false, true});
  if (!db) return db;
  auto configured = db->exec("PRAGMA busy_timeout=5000; PRAGMA temp_store=MEMORY;");
  if (!configured) return fail(configured.error());
  return db;
}

}  // namespace kiosk::store
