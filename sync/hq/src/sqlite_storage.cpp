#include "sqlite_storage.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "kiosk/seal/keys.hpp"
#include "kiosk/store/sqlite_database.hpp"
#include "storage_schema.hpp"

namespace kiosk::hq {
namespace {

using store::SqliteDatabase;
using store::Statement;
using store::StoreErrc;
using store::StoreError;

HqError storage_error(const StoreError& error) {
  switch (error.code) {
    case StoreErrc::Locked: return {HqErrc::StorageBusy, error.detail};
    case StoreErrc::CannotOpen:
    case StoreErrc::NotFound: return {HqErrc::StorageUnavailable, error.detail};
    default: return {HqErrc::Storage, std::string(store::to_string(error.code)) + ": " + error.detail};
  }
}

template <class T>
Expected<T, HqError> lift(Expected<T, StoreError> result) {
  if (!result) return fail(storage_error(result.error()));
  return std::move(*result);
}

Status<HqError> lift(Status<StoreError> result) {
  if (!result) return fail(storage_error(result.error()));
  return Ok{};
}

std::string sql(std::string_view text) {
  return schema::in_dialect(text, schema::Dialect::Sqlite);
}

struct BatchStatements {
  Statement insert;
  Statement forks_since;
  Statement access_request;
};

class SqliteBatch final : public BatchWriter {
 public:
  SqliteBatch(std::unique_lock<std::mutex> lock, SqliteDatabase& db, store::Transaction transaction,
              BatchStatements& statements, std::string kiosk_id, std::int64_t last_arrival, std::string now)
      : lock_(std::move(lock)),
        db_(&db),
        transaction_(std::move(transaction)),
        statements_(&statements),
        kiosk_id_(std::move(kiosk_id)),
        last_arrival_(last_arrival),
        now_(std::move(now)) {}
  ~SqliteBatch() override {
    // The statements outlive the upload: they keep no copy of its records (identities) bound.
    statements_->insert.reset();
    statements_->forks_since.reset();
    statements_->access_request.reset();
  }
  SqliteBatch(const SqliteBatch&) = delete;
  SqliteBatch& operator=(const SqliteBatch&) = delete;

  Status<HqError> add(const ReceivedRecord& record) override {
    Statement& insert = statements_->insert;
    insert.bind(1, record.kiosk_id).bind(2, record.record_id).bind(3, record.seq);
    insert.bind(4, record.previous_hash).bind(5, record.chain_hash).bind(6, record.box_key_id);
    insert.bind(7, record.received_at).bind(8, record.recorded_at).bind(9, record.kind);
    insert.bind(10, record.client_key).bind(11, record.policy_version).bind(12, record.ledger_json);
    insert.bind(13, record.payload_json).bind(14, std::span<const unsigned char>(record.envelope));
    if (auto ran = lift(insert.run()); !ran) return ran;
    if (db_->changes() == 0) {
      outcomes_.push_back(StoreOutcome::Duplicate);
      return Ok{};
    }
    outcomes_.push_back(StoreOutcome::Stored);
    if (record.access_request) {
      const AccessRequestRow& request = *record.access_request;
      Statement& access = statements_->access_request;
      access.bind(1, request.kiosk_id).bind(2, request.record_id).bind(3, request.requested_at);
      access.bind(4, request.due_at).bind(5, std::int64_t{request.by_agent ? 1 : 0}).bind(6, request.status);
      if (auto ran = lift(access.run()); !ran) return ran;
    }
    return Ok{};
  }

  Expected<std::vector<StoreOutcome>, HqError> commit() override {
    // Forks are found once an upload, not once a record: one statement over what arrived.
    Statement& forks = statements_->forks_since;
    forks.bind(1, kiosk_id_).bind(2, last_arrival_).bind(3, now_);
    if (auto ran = lift(forks.run()); !ran) return fail(ran.error());
    if (auto committed = lift(transaction_.commit()); !committed) return fail(committed.error());
    return std::move(outcomes_);
  }

 private:
  // Declared first, destroyed last: the statements and the rollback run under the lock.
  std::unique_lock<std::mutex> lock_;
  SqliteDatabase* db_;
  store::Transaction transaction_;
  BatchStatements* statements_;  // the storage's, used under the lock
  std::string kiosk_id_;
  std::int64_t last_arrival_;  // the newest arrival before this upload
  std::string now_;
  std::vector<StoreOutcome> outcomes_;
};

class SqliteStorage final : public HeadOfficeStorage {
 public:
  SqliteStorage(SqliteDatabase writer, SqliteDatabase reader)
      : db_(std::move(writer)), reader_(std::move(reader)) {}

  Status<HqError> add_enrollment_token(const EnrollmentTokenRow& token) override {
    std::lock_guard lock(mutex_);
    auto statement = lift(db_.prepare(sql(schema::kInsertToken)));
    if (!statement) return fail(statement.error());
    statement->bind(1, token.token_id).bind(2, std::span<const unsigned char>(token.secret));
    statement->bind(3, token.kiosk_id).bind(4, token.created_at).bind(5, token.expires_at);
    return lift(statement->run());
  }

  Expected<std::optional<EnrollmentTokenRow>, HqError> find_enrollment_token(
      std::string_view token_id) override {
    std::lock_guard lock(read_mutex_);
    auto statement = lift(reader_.prepare(sql(schema::kFindToken)));
    if (!statement) return fail(statement.error());
    statement->bind(1, token_id);
    auto row = lift(statement->step());
    if (!row) return fail(row.error());
    if (!*row) return std::optional<EnrollmentTokenRow>();
    EnrollmentTokenRow token{statement->column_text(0), statement->column_blob(1), statement->column_text(2),
                             statement->column_text(3), statement->column_text(4), std::nullopt};
    if (!statement->column_is_null(5)) token.used_at = statement->column_text(5);
    return std::optional<EnrollmentTokenRow>(std::move(token));
  }

  Expected<bool, HqError> enroll_kiosk(std::string_view token_id, std::string_view kiosk_id,
                                       const seal::SigningPublicKey& key, std::string_view now) override {
    std::lock_guard lock(mutex_);
    auto transaction = lift(store::Transaction::begin(db_));
    if (!transaction) return fail(transaction.error());
    auto consume = lift(db_.prepare(sql(schema::kConsumeToken)));
    if (!consume) return fail(consume.error());
    consume->bind(1, token_id).bind(2, now).bind(3, kiosk_id);
    if (auto ran = lift(consume->run()); !ran) return fail(ran.error());
    if (db_.changes() != 1) return false;
    auto kiosk = lift(db_.prepare(sql(schema::kInsertKiosk)));
    if (!kiosk) return fail(kiosk.error());
    kiosk->bind(1, kiosk_id).bind(2, now);
    if (auto ran = lift(kiosk->run()); !ran) return fail(ran.error());
    auto insert_key = lift(db_.prepare(sql(schema::kInsertKioskKey)));
    if (!insert_key) return fail(insert_key.error());
    insert_key->bind(1, kiosk_id).bind(2, seal::to_hex(key)).bind(3, now).bind(4, token_id);
    if (auto ran = lift(insert_key->run()); !ran) return fail(ran.error());
    if (auto committed = lift(transaction->commit()); !committed) return fail(committed.error());
    return true;
  }

  Expected<std::vector<seal::SigningPublicKey>, HqError> kiosk_keys(std::string_view kiosk_id) override {
    auto hex = read_rows<std::string>(sql(schema::kKioskKeys), {kiosk_id},
                                      [](const Statement& row) { return row.column_text(0); });
    if (!hex) return fail(hex.error());
    std::vector<seal::SigningPublicKey> keys;
    for (const std::string& text : *hex) {
      if (auto key = seal::array_from_hex<32>(text)) keys.push_back(*key);
    }
    return keys;
  }

  Expected<std::int64_t, HqError> enrolled_kiosks() override {
    std::lock_guard lock(read_mutex_);
    return lift(reader_.query_int(schema::kEnrolledKiosks));
  }

  Expected<std::unique_ptr<BatchWriter>, HqError> begin_batch(std::string_view kiosk_id,
                                                              std::string_view now) override {
    // SQLite has one writer: the writer holds the connection until it commits or is dropped.
    std::unique_lock lock(mutex_);
    if (!batch_statements_) {
      auto prepared = prepare_batch_statements();
      if (!prepared) return fail(prepared.error());
      batch_statements_.emplace(std::move(*prepared));
    }
    auto transaction = lift(store::Transaction::begin(db_));
    if (!transaction) return fail(transaction.error());
    auto last_arrival = lift(db_.query_int("SELECT coalesce(max(arrival), 0) FROM records"));
    if (!last_arrival) return fail(last_arrival.error());
    return std::unique_ptr<BatchWriter>(new SqliteBatch(std::move(lock), db_, std::move(*transaction),
                                                        *batch_statements_, std::string(kiosk_id),
                                                        *last_arrival, std::string(now)));
  }

  Expected<std::vector<ClientRecordRow>, HqError> client_records(std::string_view client_key) override {
    return read_rows<ClientRecordRow>(sql(schema::kClientRecords), {client_key}, [](const Statement& row) {
      return ClientRecordRow{row.column_text(0), row.column_text(1), row.column_text(2), row.column_text(3),
                             row.column_text(4)};
    });
  }

  Expected<RecordCounts, HqError> counts() override {
    std::lock_guard lock(read_mutex_);
    auto statement = lift(reader_.prepare(schema::kCounts));
    if (!statement) return fail(statement.error());
    auto row = lift(statement->step());
    if (!row) return fail(row.error());
    return RecordCounts{statement->column_int(0), statement->column_int(1)};
  }

  Status<HqError> each_record_id(const std::function<void(std::string_view)>& visit) override {
    auto ids = read_rows<std::string>(schema::kRecordIds, {},
                                      [](const Statement& row) { return row.column_text(0); });
    if (!ids) return fail(ids.error());
    for (const std::string& id : *ids) visit(id);
    return Ok{};
  }

  Expected<std::vector<ChainLinkRow>, HqError> chain_links() override {
    return read_rows<ChainLinkRow>(schema::kChainLinks, {}, [](const Statement& row) {
      return ChainLinkRow{row.column_text(0), row.column_text(1), row.column_int(2),
                          row.column_text(3), row.column_text(4), row.column_int(5)};
    });
  }

  Expected<std::vector<ForkRow>, HqError> forks() override {
    return read_rows<ForkRow>(schema::kForks, {}, [](const Statement& row) {
      return ForkRow{row.column_text(0), row.column_int(1), row.column_text(2), row.column_text(3),
                     row.column_text(4)};
    });
  }

  Expected<std::vector<AccessRequestRow>, HqError> access_requests() override {
    return read_rows<AccessRequestRow>(schema::kAccessRequests, {}, [](const Statement& row) {
      return AccessRequestRow{row.column_text(0), row.column_text(1),     row.column_text(2),
                              row.column_text(3), row.column_int(4) != 0, row.column_text(5)};
    });
  }

 private:
  // Prepared once, on the first upload: compiling four statements cost as much as storing a
  // record, and a one-record upload paid it every time.
  Expected<BatchStatements, HqError> prepare_batch_statements() {
    auto insert = lift(db_.prepare(sql(schema::kInsertRecord)));
    if (!insert) return fail(insert.error());
    auto forks = lift(db_.prepare(sql(schema::kInsertForksSince)));
    if (!forks) return fail(forks.error());
    auto access = lift(db_.prepare(sql(schema::kInsertAccessRequest)));
    if (!access) return fail(access.error());
    return BatchStatements{std::move(*insert), std::move(*forks), std::move(*access)};
  }

  // A query on the reading connection, each row made into a Row.
  template <class Row, class Make>
  Expected<std::vector<Row>, HqError> read_rows(std::string_view query,
                                                std::initializer_list<std::string_view> params, Make make) {
    std::lock_guard lock(read_mutex_);
    auto statement = lift(reader_.prepare(query));
    if (!statement) return fail(statement.error());
    int index = 1;
    for (std::string_view param : params) statement->bind(index++, param);
    std::vector<Row> rows;
    for (;;) {
      auto row = lift(statement->step());
      if (!row) return fail(row.error());
      if (!*row) return rows;
      rows.push_back(make(*statement));
    }
  }

  // SQLite takes one writer at a time; in WAL mode a second connection reads what was committed
  // meanwhile, so that authenticating a kiosk never waits behind another kiosk's upload.
  std::mutex mutex_;
  SqliteDatabase db_;
  std::optional<BatchStatements> batch_statements_;  // guarded by mutex_; finalized before db_ closes
  std::mutex read_mutex_;
  SqliteDatabase reader_;
};

}  // namespace

Expected<std::unique_ptr<HeadOfficeStorage>, HqError> open_sqlite_storage(const StorageOptions& options,
                                                                          bool create) {
  const std::filesystem::path file(options.database);
  const bool exists = std::filesystem::exists(file);
  if (create && exists) return fail(HqError{HqErrc::AlreadyExists, file.string() + ": already exists"});
  if (!create && !exists) {
    return fail(HqError{HqErrc::StorageUnavailable, file.string() + ": no head office database here"});
  }
  if (create) {
    // It will hold clients' identities (the opened payloads): owner only, before SQLite writes a
    // byte (its -wal and -shm files copy these permissions).
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return fail(HqError{HqErrc::StorageUnavailable, file.string() + ": " + std::strerror(errno)});
    ::close(fd);
  }
  store::OpenFlags flags;
  flags.create = create;
  auto db = lift(SqliteDatabase::open(file, flags));
  if (!db) return fail(db.error());
  const std::string pragmas = "PRAGMA busy_timeout=" + std::to_string(options.busy_timeout_ms) +
                              "; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
  if (auto set = lift(db->exec(pragmas)); !set) return fail(set.error());
  if (create) {
    auto transaction = lift(store::Transaction::begin(*db));
    if (!transaction) return fail(transaction.error());
    for (const std::string& statement : schema::create_statements(schema::Dialect::Sqlite)) {
      if (auto ran = lift(db->exec(statement)); !ran) return fail(ran.error());
    }
    if (auto committed = lift(transaction->commit()); !committed) return fail(committed.error());
  } else {
    auto version = db->query_text(schema::kSchemaVersion);
    if (!version || *version != std::to_string(schema::kVersion)) {
      return fail(HqError{HqErrc::Storage, file.string() + ": not a head office database of schema version " +
                                               std::to_string(schema::kVersion)});
    }
  }
  auto reader = lift(SqliteDatabase::open(file, store::OpenFlags{false, {}, false, false}));
  if (!reader) return fail(reader.error());
  const std::string reader_pragmas =
      "PRAGMA busy_timeout=" + std::to_string(options.busy_timeout_ms) + "; PRAGMA query_only=ON;";
  if (auto set = lift(reader->exec(reader_pragmas)); !set) return fail(set.error());
  return std::unique_ptr<HeadOfficeStorage>(new SqliteStorage(std::move(*db), std::move(*reader)));
}

}  // namespace kiosk::hq
