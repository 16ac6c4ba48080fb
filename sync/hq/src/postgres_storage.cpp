#include "postgres_storage.hpp"

#include "kiosk/seal/keys.hpp"
#include "pg_connection.hpp"
#include "storage_schema.hpp"

namespace kiosk::hq {
namespace {

using pg::Param;

// Stores a record and, when it is new and another record already holds its number, notes the
// fork, in one statement. Answers 1 when the record was stored, 0 for a duplicate.
constexpr std::string_view kStoreRecord =
    "WITH stored AS ("
    " INSERT INTO records(kiosk_id, record_id, seq, prev_hash, chain_hash, box_key_id, received_at, "
    "recorded_at,"
    " kind, client_key, policy_version, ledger_json, payload_json, envelope)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    " ON CONFLICT (kiosk_id, record_id) DO NOTHING RETURNING kiosk_id, record_id, seq),"
    " fork AS ("
    " INSERT INTO forks(kiosk_id, seq, record_id, other_record_id, detected_at)"
    " SELECT s.kiosk_id, s.seq, s.record_id, other.record_id, $15 FROM stored s"
    " JOIN LATERAL (SELECT record_id FROM records r WHERE r.kiosk_id = s.kiosk_id AND r.seq = s.seq"
    " AND r.record_id <> s.record_id ORDER BY r.arrival LIMIT 1) other ON true ON CONFLICT DO NOTHING)"
    " SELECT COUNT(*) FROM stored";
// One kiosk's batches one after another, whichever server receives them.
constexpr std::string_view kLockKiosk = "SELECT pg_advisory_xact_lock(hashtextextended($1, 7))";
// Consumes the token and registers the key in one statement: all or nothing.
constexpr std::string_view kEnroll =
    "WITH consumed AS (UPDATE enrollment_tokens SET used_at = $2 WHERE token_id = $1 AND kiosk_id = $3"
    " AND used_at IS NULL AND expires_at > $2 RETURNING kiosk_id, token_id),"
    " kiosk AS (INSERT INTO kiosks(kiosk_id, first_enrolled_at) SELECT kiosk_id, $2 FROM consumed"
    " ON CONFLICT DO NOTHING),"
    " registered AS (INSERT INTO kiosk_keys(kiosk_id, public_key, enrolled_at, token_id)"
    " SELECT kiosk_id, $4, $2, token_id FROM consumed ON CONFLICT DO NOTHING)"
    " SELECT COUNT(*) FROM consumed";

constexpr pg::NamedStatement kBatchStatements[] = {{"lock_kiosk", kLockKiosk},
                                                   {"store_record", kStoreRecord},
                                                   {"access_request", schema::kInsertAccessRequest}};

// The records go out as they are added, in one pipeline: the server stores the first while the
// caller is still opening the next. One round trip in all, at the commit.
class PostgresBatch final : public BatchWriter {
 public:
  PostgresBatch(pg::Pool::Lease lease, pg::Pipeline pipeline, std::string_view now)
      : lease_(std::move(lease)), pipeline_(std::move(pipeline)), now_(now) {}

  Status<HqError> add(const ReceivedRecord& record) override {
    const Param store[] = {record.kiosk_id,
                           record.record_id,
                           record.seq,
                           record.previous_hash,
                           record.chain_hash,
                           record.box_key_id,
                           record.received_at,
                           record.recorded_at,
                           record.kind,
                           record.client_key,
                           record.policy_version,
                           record.ledger_json,
                           record.payload_json,
                           Param::bytes(record.envelope),
                           now_};
    if (auto sent = pipeline_.send(kBatchStatements[1].name, store); !sent) return sent;
    store_steps_.push_back(sent_++);
    // Stored or already there, the record exists: the request is noted once either way.
    if (record.access_request) {
      const AccessRequestRow& request = *record.access_request;
      const Param access[] = {request.kiosk_id,
                              request.record_id,
                              request.requested_at,
                              request.due_at,
                              std::int64_t{request.by_agent ? 1 : 0},
                              request.status};
      if (auto sent = pipeline_.send(kBatchStatements[2].name, access); !sent) return sent;
      ++sent_;
    }
    return Ok{};
  }

  Expected<std::vector<StoreOutcome>, HqError> commit() override {
    auto results = pipeline_.sync();
    if (!results) return fail(results.error());
    std::vector<StoreOutcome> outcomes;
    outcomes.reserve(store_steps_.size());
    for (std::size_t step : store_steps_) {
      outcomes.push_back((*results)[step].integer(0, 0) == 1 ? StoreOutcome::Stored
                                                             : StoreOutcome::Duplicate);
    }
    return outcomes;
  }

 private:
  // Declared after the lease, so destroyed before it: an unsynced pipeline marks the connection
  // unusable before the lease hands it back to the pool.
  pg::Pool::Lease lease_;
  pg::Pipeline pipeline_;
  std::string now_;
  std::size_t sent_ = 1;  // the lock
  std::vector<std::size_t> store_steps_;
};

class PostgresStorage final : public HeadOfficeStorage {
 public:
  explicit PostgresStorage(const StorageOptions& options)
      : pool_(options.database, options.connections, options.busy_timeout_ms) {}

  Status<HqError> add_enrollment_token(const EnrollmentTokenRow& token) override {
    const Param params[] = {token.token_id, Param::bytes(token.secret), token.kiosk_id, token.created_at,
                            token.expires_at};
    auto ran = query(schema::kInsertToken, params);
    if (!ran) return fail(ran.error());
    return Ok{};
  }

  Expected<std::optional<EnrollmentTokenRow>, HqError> find_enrollment_token(
      std::string_view token_id) override {
    const Param params[] = {token_id};
    auto result = query(schema::kFindToken, params);
    if (!result) return fail(result.error());
    if (result->rows() == 0) return std::optional<EnrollmentTokenRow>();
    EnrollmentTokenRow token{result->text(0, 0), result->bytes(0, 1), result->text(0, 2),
                             result->text(0, 3), result->text(0, 4),  std::nullopt};
    if (!result->is_null(0, 5)) token.used_at = result->text(0, 5);
    return std::optional<EnrollmentTokenRow>(std::move(token));
  }

  Expected<bool, HqError> enroll_kiosk(std::string_view token_id, std::string_view kiosk_id,
                                       const seal::SigningPublicKey& key, std::string_view now) override {
    const Param params[] = {token_id, now, kiosk_id, seal::to_hex(key)};
    auto result = query(kEnroll, params);
    if (!result) return fail(result.error());
    return result->integer(0, 0) == 1;
  }

  Expected<std::vector<seal::SigningPublicKey>, HqError> kiosk_keys(std::string_view kiosk_id) override {
    const Param params[] = {kiosk_id};
    auto result = query(schema::kKioskKeys, params);
    if (!result) return fail(result.error());
    std::vector<seal::SigningPublicKey> keys;
    for (int row = 0; row < result->rows(); ++row) {
      if (auto key = seal::array_from_hex<32>(result->text(row, 0))) keys.push_back(*key);
    }
    return keys;
  }

  Expected<std::int64_t, HqError> enrolled_kiosks() override {
    auto result = query(schema::kEnrolledKiosks, {});
    if (!result) return fail(result.error());
    return result->integer(0, 0);
  }

  Expected<std::unique_ptr<BatchWriter>, HqError> begin_batch(std::string_view kiosk_id,
                                                              std::string_view now) override {
    auto lease = pool_.acquire();
    if (!lease) return fail(lease.error());
    auto pipeline = pg::Pipeline::begin(**lease, kBatchStatements);
    if (!pipeline) return fail(pipeline.error());
    // The lock goes first: it is held from here to the commit.
    const Param lock[] = {kiosk_id};
    if (auto sent = pipeline->send(kBatchStatements[0].name, lock); !sent) return fail(sent.error());
    return std::unique_ptr<BatchWriter>(new PostgresBatch(std::move(*lease), std::move(*pipeline), now));
  }

  Expected<std::vector<ClientRecordRow>, HqError> client_records(std::string_view client_key) override {
    const Param params[] = {client_key};
    return rows_of<ClientRecordRow>(schema::kClientRecords, params, [](const pg::Result& result, int row) {
      return ClientRecordRow{result.text(row, 0), result.text(row, 1), result.text(row, 2),
                             result.text(row, 3), result.text(row, 4)};
    });
  }

  Expected<RecordCounts, HqError> counts() override {
    auto result = query(schema::kCounts, {});
    if (!result) return fail(result.error());
    return RecordCounts{result->integer(0, 0), result->integer(0, 1)};
  }

  Status<HqError> each_record_id(const std::function<void(std::string_view)>& visit) override {
    auto result = query(schema::kRecordIds, {});
    if (!result) return fail(result.error());
    for (int row = 0; row < result->rows(); ++row) visit(result->text(row, 0));
    return Ok{};
  }

  Expected<std::vector<ChainLinkRow>, HqError> chain_links() override {
    return rows_of<ChainLinkRow>(schema::kChainLinks, {}, [](const pg::Result& result, int row) {
      return ChainLinkRow{result.text(row, 0), result.text(row, 1), result.integer(row, 2),
                          result.text(row, 3), result.text(row, 4), result.integer(row, 5)};
    });
  }

  Expected<std::vector<ForkRow>, HqError> forks() override {
    return rows_of<ForkRow>(schema::kForks, {}, [](const pg::Result& result, int row) {
      return ForkRow{result.text(row, 0), result.integer(row, 1), result.text(row, 2), result.text(row, 3),
                     result.text(row, 4)};
    });
  }

  Expected<std::vector<AccessRequestRow>, HqError> access_requests() override {
    return rows_of<AccessRequestRow>(schema::kAccessRequests, {}, [](const pg::Result& result, int row) {
      return AccessRequestRow{result.text(row, 0), result.text(row, 1),         result.text(row, 2),
                              result.text(row, 3), result.integer(row, 4) != 0, result.text(row, 5)};
    });
  }

 private:
  // A query whose every row is made into a Row.
  template <class Row, class Make>
  Expected<std::vector<Row>, HqError> rows_of(std::string_view sql, std::span<const Param> params,
                                              Make make) {
    auto result = query(sql, params);
    if (!result) return fail(result.error());
    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(result->rows()));
    for (int row = 0; row < result->rows(); ++row) rows.push_back(make(*result, row));
    return rows;
  }

  // Every statement here is fixed, so each is prepared once per connection under a name made from
  // its text (PostgreSQL would cut a longer name at 63 bytes).
  Expected<pg::Result, HqError> query(std::string_view sql, std::span<const Param> params) {
    auto lease = pool_.acquire();
    if (!lease) return fail(lease.error());
    return (*lease)->run_prepared("q" + std::to_string(std::hash<std::string_view>{}(sql)), sql, params);
  }

  pg::Pool pool_;
};

}  // namespace

Expected<std::unique_ptr<HeadOfficeStorage>, HqError> open_postgres_storage(const StorageOptions& options,
                                                                            bool create) {
  auto connection = pg::Connection::open(options.database, options.busy_timeout_ms);
  if (!connection) return fail(connection.error());
  auto existing = (*connection)->run("SELECT to_regclass('hq_meta') IS NOT NULL");
  if (!existing) return fail(existing.error());
  const bool has_schema = existing->text(0, 0) == "t";
  if (create) {
    if (has_schema) {
      return fail(HqError{HqErrc::AlreadyExists, "the PostgreSQL database already holds a head office"});
    }
    std::vector<std::string> statements = {"BEGIN"};
    for (auto& statement : schema::create_statements(schema::Dialect::Postgres))
      statements.push_back(statement);
    statements.push_back("COMMIT");
    if (auto created = (*connection)->run_each(statements); !created) return fail(created.error());
  } else {
    const HqError not_ours{HqErrc::Storage,
                           "the PostgreSQL database is not a head office database of schema version " +
                               std::to_string(schema::kVersion)};
    if (!has_schema) return fail(not_ours);
    auto version = (*connection)->run(schema::kSchemaVersion);
    if (!version) return fail(version.error());
    if (version->rows() != 1 || version->text(0, 0) != std::to_string(schema::kVersion))
      return fail(not_ours);
  }
  return std::unique_ptr<HeadOfficeStorage>(new PostgresStorage(options));
}

}  // namespace kiosk::hq
