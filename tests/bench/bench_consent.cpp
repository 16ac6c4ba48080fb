// Durable consent commits per second through ConsentService, next to a bare SQLite loop that
// writes the same three rows per transaction (same sizes, same pragmas) in the same run; and the
// cost of one slow client-key lookup at the kiosk's cost. Prints figures; asserts nothing.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "kiosk/core/consent/consent_rules.hpp"
#include "kiosk/store/consent_service.hpp"
#include "kiosk/store/policy_assets.hpp"

using namespace kiosk;
using Seconds = std::chrono::duration<double>;

namespace {

constexpr int kCommits = 2000;

std::filesystem::path fresh_dir(const char* tag) {
  auto dir = std::filesystem::temp_directory_path() /
             (std::string(tag) + "-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  return dir;
}

void must(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

// The same rows a consent writes, sized like the real ones, with nothing else: no JSON, no
// hashing, no sealing, no chain lookup.
double bare_sqlite_rate(const std::filesystem::path& file, std::size_t body_bytes,
                        std::size_t envelope_bytes) {
  sqlite3* db = nullptr;
  must(sqlite3_open(file.c_str(), &db), db, "open");
  must(sqlite3_exec(db,
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; "
                    "PRAGMA secure_delete=ON; PRAGMA busy_timeout=5000;"
                    "CREATE TABLE ledger(seq INTEGER PRIMARY KEY, record_id TEXT UNIQUE, recorded_at TEXT, "
                    "client_key BLOB,"
                    " kind TEXT, policy_version TEXT, body TEXT, prev_hash BLOB, row_hash BLOB);"
                    "CREATE INDEX ledger_by_client ON ledger(client_key, seq); CREATE INDEX ledger_by_time "
                    "ON ledger(recorded_at);"
                    "CREATE TABLE outbox(record_id TEXT PRIMARY KEY, created_at TEXT, envelope BLOB, "
                    "attempts INTEGER DEFAULT 0);"
                    "CREATE TABLE audit(seq INTEGER PRIMARY KEY, at TEXT, actor TEXT, action TEXT, detail "
                    "TEXT, prev_hash BLOB,"
                    " row_hash BLOB);",
                    nullptr, nullptr, nullptr),
       db, "schema");
  sqlite3_stmt* ledger = nullptr;
  sqlite3_stmt* outbox = nullptr;
  sqlite3_stmt* audit = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO ledger VALUES(NULL,?,?,?,?,?,?,?,?)", -1, &ledger, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO outbox(record_id, created_at, envelope) VALUES(?,?,?)", -1, &outbox,
                     nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO audit VALUES(NULL,?,?,?,?,?,?)", -1, &audit, nullptr);
  const std::string body(body_bytes, 'b');
  const std::vector<unsigned char> envelope(envelope_bytes, 0xE5);
  const std::vector<unsigned char> hash(32, 0x11);
  std::mt19937_64 random(1);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kCommits; ++i) {
    const std::string id = std::to_string(random()) + std::to_string(i);
    const std::string time = "2026-11-28T18:40:48.123Z";
    std::vector<unsigned char> client(32, static_cast<unsigned char>(i % 20));
    must(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_bind_text(ledger, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ledger, 2, time.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(ledger, 3, client.data(), 32, SQLITE_TRANSIENT);
    sqlite3_bind_text(ledger, 4, "choices", -1, SQLITE_STATIC);
    sqlite3_bind_text(ledger, 5, std::string(64, 'a').c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ledger, 6, body.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_blob(ledger, 7, hash.data(), 32, SQLITE_STATIC);
    sqlite3_bind_blob(ledger, 8, hash.data(), 32, SQLITE_STATIC);
    must(sqlite3_step(ledger), db, "ledger");
    sqlite3_reset(ledger);
    sqlite3_bind_text(outbox, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(outbox, 2, time.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(outbox, 3, envelope.data(), static_cast<int>(envelope.size()), SQLITE_STATIC);
    must(sqlite3_step(outbox), db, "outbox");
    sqlite3_reset(outbox);
    sqlite3_bind_text(audit, 1, time.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(audit, 2, "client", -1, SQLITE_STATIC);
    sqlite3_bind_text(audit, 3, "consent-recorded", -1, SQLITE_STATIC);
    sqlite3_bind_text(audit, 4, ("choices " + id).c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(audit, 5, hash.data(), 32, SQLITE_STATIC);
    sqlite3_bind_blob(audit, 6, hash.data(), 32, SQLITE_STATIC);
    must(sqlite3_step(audit), db, "audit");
    sqlite3_reset(audit);
    must(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  }
  const double seconds = Seconds(std::chrono::steady_clock::now() - start).count();
  sqlite3_finalize(ledger);
  sqlite3_finalize(outbox);
  sqlite3_finalize(audit);
  sqlite3_close(db);
  return kCommits / seconds;
}

}  // namespace

int main() {
  SystemClock clock;
  StderrLogger logger(LogLevel::Warning);
  auto model = store::build_consent_model(store::embedded_policy_assets());
  if (!model) return 1;
  const auto dir = fresh_dir("bench-consent");

  store::StoreOptions options;
  options.database = dir / "kiosk.db";
  options.kiosk_id = "bench";
  options.client_hash_cost = store::test_only_client_hash_cost();  // identities resolved before timing
  auto service = store::ConsentService::open(options, *model, clock, logger);
  if (!service) {
    std::fprintf(stderr, "open: %s\n", service.error().detail.c_str());
    return 1;
  }
  std::vector<store::ClientHandle> clients;
  for (int i = 0; i < 20; ++i) {
    clients.push_back(
        *service->identify({"ON", "B" + std::to_string(100000 + i), "BENCH", "PERSON", "1980-01-01"}));
  }
  std::mt19937_64 random(2);
  const consent::SessionContext session{};
  std::size_t body_bytes = 0;
  std::size_t envelope_bytes = 0;
  Seconds in_commit{0};
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kCommits; ++i) {
    const auto& client = clients[static_cast<std::size_t>(i) % clients.size()];
    auto current = service->current(client);
    std::vector<consent::ItemDecision> change = {
        {"marketing-analysis", random() % 2 ? consent::Decision::Granted : consent::Decision::Refused}};
    auto draft = consent::record_choices(*model, *current, change, session);
    body_bytes = consent::to_ledger_json(*draft).size();
    const auto commit_start = std::chrono::steady_clock::now();
    if (!service->commit(client, std::move(*draft))) return 1;
    in_commit += std::chrono::steady_clock::now() - commit_start;
  }
  const double session_rate = kCommits / Seconds(std::chrono::steady_clock::now() - start).count();
  const double service_rate = kCommits / in_commit.count();
  envelope_bytes =
      static_cast<std::size_t>(*service->database().query_int("SELECT avg(length(envelope)) FROM outbox"));
  const double bare_rate = bare_sqlite_rate(dir / "bare.db", body_bytes, envelope_bytes);

  // The client key at the kiosk's real cost.
  store::ClientKeyHasher hasher(seal::SecretKey<32>{}, store::kKioskClientHashCost);
  std::vector<double> lookups;
  for (int i = 0; i < 9; ++i) {
    const auto t = std::chrono::steady_clock::now();
    if (!hasher.key_for("ON", "H" + std::to_string(i))) return 1;
    lookups.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
  }
  std::sort(lookups.begin(), lookups.end());

  std::printf("consent commits (ledger + sealed outbox + audit, WAL, synchronous=FULL), %d commits:\n",
              kCommits);
  std::printf("  ConsentService.commit (JSON, sign + seal, chain link, 3 rows): %8.0f /s\n", service_rate);
  std::printf("  whole session: history read (100 records/client by the end) + rules + commit: %8.0f /s\n",
              session_rate);
  std::printf("  bare SQLite, same 3 rows per transaction, same pragmas: %8.0f /s\n", bare_rate);
  std::printf("  ratio service / bare: %.2f  (ledger body %zu B, envelope %zu B)\n", service_rate / bare_rate,
              body_bytes, envelope_bytes);
  std::printf("client key lookup, Argon2id ops=%llu mem=%zu MiB: median %.1f ms (min %.1f, max %.1f)\n",
              static_cast<unsigned long long>(store::kKioskClientHashCost.opslimit),
              store::kKioskClientHashCost.memlimit_bytes >> 20, lookups[lookups.size() / 2], lookups.front(),
              lookups.back());
  std::printf("  enumeration: 10^6 document numbers cost %.1f core-hours; 10^8 cost %.0f core-days\n",
              1e6 * lookups[lookups.size() / 2] / 3.6e6, 1e8 * lookups[lookups.size() / 2] / 8.64e7);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return 0;
}
