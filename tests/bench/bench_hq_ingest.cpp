// Head-office ingest in records/s (open each envelope, check its chain and signatures, parse it,
// key the client, store the upload in one transaction) on SQLite and on PostgreSQL, beside a bare
// insert loop of the same rows into the same database: one INSERT a row, one transaction an
// upload, nothing else. The floor's baseline inserts into a table shaped as head office's (its
// unique key and two secondary indexes); a second bare loop, into a table with no secondary index,
// shows what those indexes cost. Ingest's own storage with the records already opened is timed
// too. All of them alternate upload by upload, so that each sees the same machine (it is shared: a
// figure alone swings by half from one minute to the next). For a trickle (one record an upload)
// and a backlog (100). Then where ingest's time per record goes, stage by stage. Prints figures;
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

// The bare loop's table: head office's `records` columns. With `indexed`, also its two secondary
// indexes (by client, by kiosk and number; sync/hq/src/storage_schema.cpp), which head office
// needs to answer a kiosk's lookup and report gaps: the same rows into the same table shape.
std::string bare_table(const char* blob, bool indexed) {
  std::string sql = std::string(
                        "CREATE TABLE bare_records (kiosk_id TEXT NOT NULL, record_id TEXT NOT NULL,"
                        " seq BIGINT NOT NULL, prev_hash TEXT NOT NULL, chain_hash TEXT NOT NULL,"
                        " box_key_id TEXT NOT NULL, received_at TEXT NOT NULL, recorded_at TEXT NOT NULL,"
                        " kind TEXT NOT NULL, client_key TEXT NOT NULL, policy_version TEXT NOT NULL,"
                        " ledger_json TEXT NOT NULL, payload_json TEXT NOT NULL, envelope ") +
                    blob + " NOT NULL, UNIQUE (kiosk_id, record_id));";
  if (indexed) {
    sql +=
        " CREATE INDEX bare_by_client ON bare_records(client_key, recorded_at);"
        " CREATE INDEX bare_by_kiosk_seq ON bare_records(kiosk_id, seq);";
  }
  return sql;
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
  BareSqlite(const std::string& file, bool indexed) {
    must(sqlite3_open(file.c_str(), &db_) == SQLITE_OK, "open", sqlite3_errmsg(db_));
    must(
        sqlite3_exec(
            db_, ("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; " + bare_table("BLOB", indexed)).c_str(),
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
  BarePostgres(const std::string& url, bool indexed) : conn_(PQconnectdb(url.c_str())) {
    must(PQstatus(conn_) == CONNECTION_OK, "connect", PQerrorMessage(conn_));
    run(PQexec(conn_, bare_table("BYTEA", indexed).c_str()), "schema");
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
  double store = 0;     // ingest's own storage alone, records already opened
  double bare = 0;      // the same rows into the same table shape: the floor's baseline
  double bare_min = 0;  // the same rows into a table with no secondary index
};

// The rows ingest stores, through head office's own storage (its schema, indexes and fork check),
// with nothing opened or checked: what ingest would cost if opening were free.
void store_opened(hq::HeadOfficeStorage& storage, std::string_view kiosk_id, Rows rows,
                  const std::string& now) {
  auto writer = storage.begin_batch(kiosk_id, now);
  must(writer.has_value(), "begin", writer ? "" : writer.error().detail.c_str());
  for (const hq::ReceivedRecord& row : rows) {
    auto added = (*writer)->add(row);
    must(added.has_value(), "add", added ? "" : added.error().detail.c_str());
  }
  auto committed = (*writer)->commit();
  must(committed.has_value(), "commit", committed ? "" : committed.error().detail.c_str());
}

Figures measure(HqBackend backend, std::size_t batch) {
  SystemClock clock;
  TestHeadOffice hq(backend);
  TestHeadOffice store_only(backend);
  TestHeadOffice unindexed(backend);
  const auto kiosks = sealed_kiosks(hq, kKiosks, kPerKiosk);
  hq::OpeningWorkers openers(opening_workers());
  hq::RecordIngest ingest(hq.storage(), hq.head_office().box_keys(), hq.head_office().secrets().clients,
                          clock, &openers);
  auto bare_for = [&](TestHeadOffice& office, bool indexed) -> std::unique_ptr<BareInserter> {
    if (backend == HqBackend::Sqlite) {
      return std::make_unique<BareSqlite>(office.head_office().config().database, indexed);
    }
    return std::make_unique<BarePostgres>(office.database_url(), indexed);
  };
  std::unique_ptr<BareInserter> bare = bare_for(hq, true);
  std::unique_ptr<BareInserter> bare_min = bare_for(unindexed, false);

  // The rows ingest stores, opened before any timing, for the bare loop.
  const auto keyring = hq.head_office().box_keys().current();
  Seconds in_ingest{0}, in_store{0}, in_bare{0}, in_bare_min{0};
  const std::string now = consent::format_utc(clock.now());
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
      store_opened(store_only.storage(), kiosk.kiosk.kiosk_id, Rows(rows).subspan(at, end - at), now);
      in_store += std::chrono::steady_clock::now() - start;
      start = std::chrono::steady_clock::now();
      bare->insert(Rows(rows).subspan(at, end - at));
      in_bare += std::chrono::steady_clock::now() - start;
      start = std::chrono::steady_clock::now();
      bare_min->insert(Rows(rows).subspan(at, end - at));
      in_bare_min += std::chrono::steady_clock::now() - start;
      records += end - at;
    }
  }
  const auto n = static_cast<double>(records);
  return {n / in_ingest.count(), n / in_store.count(), n / in_bare.count(), n / in_bare_min.count()};
}

// Head office serves many kiosks at once: while one upload's commit waits on the disk, the next
// one is opened. Kiosks' backlogs in 100-record uploads, two uploads in flight (a thread each, as
// two request threads of `consent-hq serve`), then the same rows by the bare loop (sequential:
// SQLite has one writer anyway) into the same database.
struct InFlight {
  double ingest = 0;
  double bare = 0;
};

InFlight two_in_flight(HqBackend backend) {
  constexpr std::size_t kBatch = 100;
  SystemClock clock;
  TestHeadOffice hq(backend);
  const auto kiosks = sealed_kiosks(hq, kKiosks, kPerKiosk);
  hq::OpeningWorkers openers(opening_workers());
  const auto keyring = hq.head_office().box_keys().current();
  std::vector<hq::ReceivedRecord> all;
  {
    hq::RecordIngest examiner(hq.storage(), hq.head_office().box_keys(), hq.head_office().secrets().clients,
                              clock);
    for (const auto& kiosk : kiosks) {
      const std::vector<seal::SigningPublicKey> keys = {kiosk.kiosk.key.public_key};
      for (const auto& item : kiosk.records) {
        all.push_back(*examiner.examine(kiosk.kiosk.kiosk_id, keys, item, *keyring).record);
      }
    }
  }
  hq::RecordIngest ingest(hq.storage(), hq.head_office().box_keys(), hq.head_office().secrets().clients,
                          clock, &openers);
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (std::size_t lane = 0; lane < 2; ++lane) {
    threads.emplace_back([&, lane] {
      for (std::size_t k = lane; k < kiosks.size(); k += 2) {
        const std::vector<seal::SigningPublicKey> keys = {kiosks[k].kiosk.key.public_key};
        const auto& records = kiosks[k].records;
        for (std::size_t at = 0; at < records.size(); at += kBatch) {
          protocol::UploadBatch upload;
          const auto end = std::min(records.size(), at + kBatch);
          upload.records.assign(records.begin() + static_cast<std::ptrdiff_t>(at),
                                records.begin() + static_cast<std::ptrdiff_t>(end));
          auto results = ingest.ingest(kiosks[k].kiosk.kiosk_id, keys, upload);
          must(results.has_value(), "ingest", results ? "" : results.error().detail.c_str());
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const Seconds in_ingest = std::chrono::steady_clock::now() - start;

  std::unique_ptr<BareInserter> bare;
  if (backend == HqBackend::Sqlite) {
    bare = std::make_unique<BareSqlite>(hq.head_office().config().database, true);
  } else {
    bare = std::make_unique<BarePostgres>(hq.database_url(), true);
  }
  start = std::chrono::steady_clock::now();
  for (std::size_t at = 0; at < all.size(); at += kBatch) {
    bare->insert(Rows(all).subspan(at, std::min(kBatch, all.size() - at)));
  }
  const Seconds in_bare = std::chrono::steady_clock::now() - start;
  const auto n = static_cast<double>(all.size());
  return {n / in_ingest.count(), n / in_bare.count()};
}

// One record's way through ingest, stage by stage, on one core. Returns examine's time (ns).
double stages() {
  SystemClock clock;
  TestHeadOffice hq(HqBackend::Sqlite);
  auto kiosks = sealed_kiosks(hq, 1, 1);
  const protocol::UploadItem& item = kiosks[0].records[0];
  const auto keyring = hq.head_office().box_keys().current();
  seal::EnvelopeOpener opener;
  const double first_of_window = nanoseconds_per_call([&] {
    if (!seal::open_envelope(item.envelope, *keyring, seal::SignatureCheck::Later)) std::abort();
  });
  const double open = nanoseconds_per_call([&] {
    if (!opener.open(item.envelope, *keyring, seal::SignatureCheck::Later)) std::abort();
  });
  const seal::OpenedEnvelope opened =
      opener.open(item.envelope, *keyring, seal::SignatureCheck::Later).value();
  const double signature = nanoseconds_per_call([&] {
    if (!seal::signature_holds(opened)) std::abort();
  });
  const double parse = nanoseconds_per_call([&] {
    if (!consent::parse_envelope_json(opened.payload)) std::abort();
  });
  const auto record = consent::parse_envelope_json(opened.payload).value();
  const double client_key = nanoseconds_per_call([&] {
    (void)hq.head_office().secrets().clients.key_for(record.client.issuer, record.client.document_number);
  });
  const double ledger = nanoseconds_per_call([&] { (void)consent::to_ledger_json(record.record); });
  hq::RecordIngest ingest(hq.storage(), hq.head_office().box_keys(), hq.head_office().secrets().clients,
                          clock);
  const std::vector<seal::SigningPublicKey> keys = {kiosks[0].kiosk.key.public_key};
  const double examine = nanoseconds_per_call(
      [&] { (void)ingest.examine("bench-kiosk-0", keys, item, *keyring, seal::SignatureCheck::Later); });
  std::printf("\nwhere ingest's time per record goes (one core, %zu-byte envelope):\n", item.envelope.size());
  std::printf("  open, window key cached (XChaCha20-Poly1305, hashes) %7.1f us\n", open / 1e3);
  std::printf("  parse the payload JSON                                %7.1f us\n", parse / 1e3);
  std::printf("  key the client (keyed BLAKE2b)                        %7.1f us\n", client_key / 1e3);
  std::printf("  write the ledger JSON                                 %7.1f us\n", ledger / 1e3);
  std::printf("  = examine: all of the above, hex and copies           %7.1f us (%.0f records/s)\n",
              examine / 1e3, 1e9 / examine);
  std::printf("paid once a run of the chain, not once a record:\n");
  std::printf("  check the Ed25519 signature                           %7.1f us\n", signature / 1e3);
  std::printf("paid once a window (up to 1024 records):\n");
  std::printf("  agree the window's key (X25519) and open               %7.1f us\n", first_of_window / 1e3);
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
  std::printf("%-11s %6s %13s %12s %12s %7s %14s %7s\n", "backend", "batch", "ingest rec/s", "store rec/s",
              "bare rec/s", "ratio", "bare, no index", "ratio");
  struct Row {
    HqBackend backend;
    std::size_t batch;
    Figures figures;
  };
  std::vector<Row> rows;
  for (HqBackend backend : {HqBackend::Sqlite, HqBackend::Postgres}) {
    if (!measured(backend)) continue;
    for (std::size_t batch : {std::size_t{1}, std::size_t{100}}) {
      // KIOSK_BENCH_BATCH=N measures that upload size alone (for a profiler).
      if (const char* only = std::getenv("KIOSK_BENCH_BATCH"); only != nullptr && std::stoul(only) != batch) {
        continue;
      }
      const Figures figures = measure(backend, batch);
      std::printf("%-11s %6zu %13.0f %12.0f %12.0f %7.2f %14.0f %7.2f\n", backend_name(backend), batch,
                  figures.ingest, figures.store, figures.bare, figures.ingest / figures.bare,
                  figures.bare_min, figures.ingest / figures.bare_min);
      rows.push_back({backend, batch, figures});
    }
  }
  std::printf(
      "\ntwo uploads in flight (two kiosks' backlogs at once, 100-record uploads), then the bare loop:\n");
  for (HqBackend backend : {HqBackend::Sqlite, HqBackend::Postgres}) {
    if (!measured(backend)) continue;
    const InFlight figures = two_in_flight(backend);
    std::printf("%-11s ingest %8.0f rec/s   bare insert %8.0f rec/s   ratio %.2f\n", backend_name(backend),
                figures.ingest, figures.bare, figures.ingest / figures.bare);
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
