// Head-office ingest in records/s (open and verify each envelope, parse it, key the client, store
// the upload in one transaction) on SQLite and on PostgreSQL, beside a bare insert loop of the same
// rows into the same database: one INSERT a row, one transaction an upload, nothing else. The two
// alternate upload by upload, so that both see the same machine (it is shared: a figure alone
// swings by half from one minute to the next). For a trickle (one record an upload) and a backlog
// (100). Then where ingest's time per record goes, stage by stage, and the ratio that opening
// alone (X25519, Ed25519, JSON: per record, on the cores there are) leaves possible. Prints figures;
// asserts nothing.
#include <libpq-fe.h>
#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "bench_timing.hpp"
#include "hq_bench_fixture.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/hq/record_ingest.hpp"

using namespace kiosk;
using namespace kiosk::testing;
using Seconds = std::chrono::duration<double>;
using Rows = std::span<const hq::ReceivedRecord>;

namespace {

constexpr int kKiosks = 4;
constexpr int kPerKiosk = 1000;

std::string bare_table(const char* blob) {
  return std::string(
             "CREATE TABLE bare_records (kiosk_id TEXT NOT NULL, record_id TEXT NOT NULL,"
             " seq BIGINT NOT NULL, prev_hash TEXT NOT NULL, chain_hash TEXT NOT NULL,"
             " box_key_id TEXT NOT NULL, received_at TEXT NOT NULL, recorded_at TEXT NOT NULL,"
             " kind TEXT NOT NULL, client_key TEXT NOT NULL, policy_version TEXT NOT NULL,"
             " ledger_json TEXT NOT NULL, payload_json TEXT NOT NULL, envelope ") +
         blob + " NOT NULL, UNIQUE (kiosk_id, record_id))";
}

void must(bool ok, const char* what, const char* detail) {
  if (ok) return;
  std::fprintf(stderr, "%s: %s\n", what, detail);
  std::exit(1);
}

// The bare loop's database connection: the rows of one upload, one INSERT each, in one transaction.
class BareInserter {
 public:
  virtual ~BareInserter() = default;
  virtual void insert(Rows rows) = 0;
};

std::vector<const std::string*> text_columns(const hq::ReceivedRecord& row) {
  return {&row.previous_hash, &row.chain_hash, &row.box_key_id,     &row.received_at, &row.recorded_at,
          &row.kind,          &row.client_key, &row.policy_version, &row.ledger_json, &row.payload_json};
}

class BareSqlite final : public BareInserter {
 public:
  explicit BareSqlite(const std::string& file) {
    must(sqlite3_open(file.c_str(), &db_) == SQLITE_OK, "open", sqlite3_errmsg(db_));
    must(
        sqlite3_exec(db_, ("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; " + bare_table("BLOB")).c_str(),
                     nullptr, nullptr, nullptr) == SQLITE_OK,
        "schema", sqlite3_errmsg(db_));
    sqlite3_prepare_v2(db_, "INSERT INTO bare_records VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &insert_,
                       nullptr);
  }
  ~BareSqlite() override {
    sqlite3_finalize(insert_);
    sqlite3_close(db_);
  }
  void insert(Rows rows) override {
    sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    for (const hq::ReceivedRecord& row : rows) {
      sqlite3_bind_text(insert_, 1, row.kiosk_id.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(insert_, 2, row.record_id.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(insert_, 3, row.seq);
      int column = 4;
      for (const std::string* text : text_columns(row)) {
        sqlite3_bind_text(insert_, column++, text->c_str(), -1, SQLITE_STATIC);
      }
      sqlite3_bind_blob(insert_, column, row.envelope.data(), static_cast<int>(row.envelope.size()),
                        SQLITE_STATIC);
      must(sqlite3_step(insert_) == SQLITE_DONE, "insert", sqlite3_errmsg(db_));
      sqlite3_reset(insert_);
    }
    must(sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK, "commit", sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
};

class BarePostgres final : public BareInserter {
 public:
  explicit BarePostgres(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    must(PQstatus(conn_) == CONNECTION_OK, "connect", PQerrorMessage(conn_));
    run(PQexec(conn_, bare_table("BYTEA").c_str()), "schema");
    run(PQprepare(conn_, "bare",
                  "INSERT INTO bare_records VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)", 0,
                  nullptr),
        "prepare");
  }
  ~BarePostgres() override { PQfinish(conn_); }
  void insert(Rows rows) override {
    run(PQexec(conn_, "BEGIN"), "begin");
    for (const hq::ReceivedRecord& row : rows) {
      const std::string seq = std::to_string(row.seq);
      std::vector<const char*> values = {row.kiosk_id.c_str(), row.record_id.c_str(), seq.c_str()};
      for (const std::string* text : text_columns(row)) values.push_back(text->c_str());
      values.push_back(reinterpret_cast<const char*>(row.envelope.data()));
      int lengths[14] = {};
      int formats[14] = {};
      lengths[13] = static_cast<int>(row.envelope.size());
      formats[13] = 1;
      run(PQexecPrepared(conn_, "bare", 14, values.data(), lengths, formats, 0), "insert");
    }
    run(PQexec(conn_, "COMMIT"), "commit");
  }

 private:
  void run(PGresult* result, const char* what) {
    const ExecStatusType status = PQresultStatus(result);
    must(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK, what, PQerrorMessage(conn_));
    PQclear(result);
  }
  PGconn* conn_;
};

// As `consent-hq serve` runs it: the request's thread and a worker per other core
// (KIOSK_BENCH_OPENING_WORKERS=N to compare).
unsigned opening_workers() {
  if (const char* workers = std::getenv("KIOSK_BENCH_OPENING_WORKERS")) {
    return static_cast<unsigned>(std::atoi(workers));
  }
  return std::max(1u, std::thread::hardware_concurrency()) - 1;
}

// KIOSK_BENCH_BACKEND=sqlite or postgresql measures that one alone (for a profiler).
bool measured(HqBackend backend) {
  const char* only = std::getenv("KIOSK_BENCH_BACKEND");
  if (only == nullptr) return true;
  return std::string_view(only) == (backend == HqBackend::Sqlite ? "sqlite" : "postgresql");
}

struct Figures {
  double ingest = 0;
  double bare = 0;
};

Figures measure(HqBackend backend, std::size_t batch) {
  SystemClock clock;
  TestHeadOffice hq(backend);
  const auto kiosks = sealed_kiosks(hq, kKiosks, kPerKiosk);
  hq::OpeningWorkers openers(opening_workers());
  hq::RecordIngest ingest(hq.storage(), hq.head_office().box_keys(), hq.head_office().secrets().clients,
                          clock, &openers);
  std::unique_ptr<BareInserter> bare;
  if (backend == HqBackend::Sqlite) {
    bare = std::make_unique<BareSqlite>(hq.head_office().config().database);
  } else {
    bare = std::make_unique<BarePostgres>(hq.database_url());
  }

  // The rows ingest stores, opened before any timing, for the bare loop.
  const auto keyring = hq.head_office().box_keys().current();
  Seconds in_ingest{0}, in_bare{0};
  std::size_t records = 0;
  for (const auto& kiosk : kiosks) {
    const std::vector<seal::SigningPublicKey> keys = {kiosk.kiosk.key.public_key};
    std::vector<hq::ReceivedRecord> rows;
    for (const auto& item : kiosk.records) {
      rows.push_back(*ingest.examine(kiosk.kiosk.kiosk_id, keys, item, *keyring).record);
    }
    for (std::size_t at = 0; at < kiosk.records.size(); at += batch) {
      const auto end = std::min(kiosk.records.size(), at + batch);
      protocol::UploadBatch upload;
      upload.records.assign(kiosk.records.begin() + static_cast<std::ptrdiff_t>(at),
                            kiosk.records.begin() + static_cast<std::ptrdiff_t>(end));
      auto start = std::chrono::steady_clock::now();
      auto results = ingest.ingest(kiosk.kiosk.kiosk_id, keys, upload);
      in_ingest += std::chrono::steady_clock::now() - start;
      must(results.has_value(), "ingest", results ? "" : results.error().detail.c_str());
      start = std::chrono::steady_clock::now();
      bare->insert(Rows(rows).subspan(at, end - at));
      in_bare += std::chrono::steady_clock::now() - start;
      records += end - at;
    }
  }
  return {static_cast<double>(records) / in_ingest.count(), static_cast<double>(records) / in_bare.count()};
}

// One record's way through ingest, stage by stage, on one core. Returns examine's time (ns).
double stages() {
  SystemClock clock;
  TestHeadOffice hq(HqBackend::Sqlite);
  auto kiosks = sealed_kiosks(hq, 1, 1);
  const protocol::UploadItem& item = kiosks[0].records[0];
  const auto keyring = hq.head_office().box_keys().current();
  const seal::BoxKeyPair& box = keyring->newest();
  std::vector<unsigned char> inner(item.envelope.size() - 12 - crypto_box_SEALBYTES);
  const double unseal = nanoseconds_per_call([&] {
    if (crypto_box_seal_open(inner.data(), item.envelope.data() + 12, item.envelope.size() - 12,
                             box.public_key.data(), box.secret.data()) != 0) {
      std::abort();
    }
  });
  const double open = nanoseconds_per_call([&] {
    if (!seal::open_envelope(item.envelope, *keyring)) std::abort();
  });
  const std::string payload = seal::open_envelope(item.envelope, *keyring)->payload;
  const double parse = nanoseconds_per_call([&] {
    if (!consent::parse_envelope_json(payload)) std::abort();
  });
  const auto record = consent::parse_envelope_json(payload).value();
  const double client_key = nanoseconds_per_call([&] {
    (void)hq.head_office().secrets().clients.key_for(record.client.issuer, record.client.document_number);
  });
  const double ledger = nanoseconds_per_call([&] { (void)consent::to_ledger_json(record.record); });
  hq::RecordIngest ingest(hq.storage(), hq.head_office().box_keys(), hq.head_office().secrets().clients,
                          clock);
  const std::vector<seal::SigningPublicKey> keys = {kiosks[0].kiosk.key.public_key};
  const double examine =
      nanoseconds_per_call([&] { (void)ingest.examine("bench-kiosk-0", keys, item, *keyring); });
  std::printf("\nwhere ingest's time per record goes (one core, %zu-byte envelope):\n", item.envelope.size());
  std::printf("  open the sealed box (X25519 + XSalsa20-Poly1305)  %7.1f us\n", unseal / 1e3);
  std::printf("  check the Ed25519 signature and header            %7.1f us\n", (open - unseal) / 1e3);
  std::printf("  parse the payload JSON                            %7.1f us\n", parse / 1e3);
  std::printf("  key the client (keyed BLAKE2b)                    %7.1f us\n", client_key / 1e3);
  std::printf("  write the ledger JSON                             %7.1f us\n", ledger / 1e3);
  std::printf("  = examine: all of the above, hex and copies       %7.1f us (%.0f records/s)\n",
              examine / 1e3, 1e9 / examine);
  return examine;
}

}  // namespace

int main() {
  if (sodium_init() < 0) return 1;
  BenchPostgres postgres;
  std::printf(
      "head-office ingest: %d records from %d kiosks, one transaction an upload, uploads one after\n"
      "another, opened by the request's thread and %u worker(s); ingest and the bare loop alternate\n",
      kKiosks * kPerKiosk, kKiosks, opening_workers());
  std::printf("%-11s %6s %14s %18s %7s\n", "backend", "batch", "ingest rec/s", "bare insert rec/s", "ratio");
  struct Row {
    HqBackend backend;
    std::size_t batch;
    Figures figures;
  };
  std::vector<Row> rows;
  for (HqBackend backend : {HqBackend::Sqlite, HqBackend::Postgres}) {
    if (!measured(backend)) continue;
    for (std::size_t batch : {std::size_t{1}, std::size_t{100}}) {
      const Figures figures = measure(backend, batch);
      std::printf("%-11s %6zu %14.0f %18.0f %7.2f\n", backend_name(backend), batch, figures.ingest,
                  figures.bare, figures.ingest / figures.bare);
      rows.push_back({backend, batch, figures});
    }
  }
  const double examine = stages();
  // Opening and checking is per record and needs a core: however the rest is arranged, ingest
  // cannot pass that many records/s, nor its ratio to the bare loop that ceiling's. A one-record
  // upload is opened by the request's thread alone.
  std::printf("\nbest ratio that opening alone leaves possible, at full speed on every thread it has:\n");
  for (const Row& row : rows) {
    const unsigned threads = row.batch == 1 ? 1 : opening_workers() + 1;
    const double ceiling = threads * 1e9 / examine;
    std::printf("  %-11s %4zu-record uploads: %.0f records/s on %u thread(s), ratio %.2f\n",
                backend_name(row.backend), row.batch, ceiling, threads,
                std::min(1.0, ceiling / row.figures.bare));
  }
  return 0;
}
