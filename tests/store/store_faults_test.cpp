#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "fault_vfs.hpp"
#include "kiosk/store/audit_log.hpp"
#include "kiosk/store/consent_ledger.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/store_check.hpp"
#include "scratch_dir.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::store;
using consent::Decision;

namespace {

struct Counts {
  std::int64_t ledger, outbox, audit;
  bool operator==(const Counts&) const = default;
};

Counts counts(SqliteDatabase& db) {
  return {*db.query_int("SELECT count(*) FROM ledger"), *db.query_int("SELECT count(*) FROM outbox"),
          *db.query_int("SELECT count(*) FROM audit")};
}

Expected<std::string, StoreError> try_commit(ConsentService& service, const ClientHandle& client,
                                             Decision decision) {
  return service.commit(client,
                        store_fixtures::choices_draft(service, client, {{"marketing-analysis", decision}}));
}

// After the fault: a fresh connection through the default VFS (what the next start would see).
void expect_consistent_on_reopen(const std::filesystem::path& db, const std::vector<std::string>& committed) {
  auto opened = open_database_for_inspection(db);
  REQUIRE(opened.has_value());
  auto report = check_store(*opened);
  REQUIRE(report.has_value());
  INFO(report->ledger.problems.size()
       << " ledger / " << report->outbox_problems.size() << " outbox problems");
  CHECK(report->ok());
  const Counts after = counts(*opened);
  CHECK(after.ledger == after.outbox);
  CHECK(after.ledger == after.audit);
  // Failed commits gave their envelope numbers back: head office sees 1..N with no gap.
  CHECK(*opened->query_int("SELECT count(DISTINCT seq) FROM outbox") == after.outbox);
  CHECK(*opened->query_int("SELECT coalesce(max(seq), 0) FROM outbox") == after.outbox);
  CHECK(*opened->query_int("SELECT coalesce(min(seq), 0) FROM outbox") == (after.outbox > 0 ? 1 : 0));
  CHECK(*opened->query_int("SELECT last_seq FROM envelope_chain") == after.outbox);
  for (const auto& id : committed) {
    auto found = opened->prepare("SELECT count(*) FROM ledger WHERE record_id = ?");
    found->bind(1, id);
    REQUIRE(*found->step());
    CHECK(found->column_int(0) == 1);
  }
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// A service on a real file whose every write goes through the fault-injecting VFS.
struct FaultyStore {
  ScratchDir dir;
  std::filesystem::path db = dir / "kiosk.db";
  FaultPlan& plan = shared_plan();
  const char* vfs = install_fault_vfs(plan);
  SystemClock clock;
  MemoryLogger logger;
  std::vector<std::string> committed;

  static FaultPlan& shared_plan() {
    static FaultPlan plan;
    plan.clear();
    return plan;
  }
  ConsentService open() { return store_fixtures::open_service(db, clock, logger, vfs); }
};

}  // namespace

TEST_CASE("an I/O error or a full disk reaches the caller, writes nothing, and the next commit works") {
  FaultyStore store;
  auto& plan = store.plan;
  auto& committed = store.committed;
  {
    auto service = store.open();
    auto client = service.identify(store_fixtures::known_people()[0]);
    REQUIRE(client.has_value());
    for (int i = 0; i < 2; ++i) committed.push_back(*try_commit(service, *client, Decision::Refused));
    struct Fault {
      const char* name;
      std::atomic<bool>* flag;
      StoreErrc expected;
    };
    for (const auto& fault : {Fault{"write", &plan.fail_writes, StoreErrc::IoError},
                              Fault{"fsync", &plan.fail_syncs, StoreErrc::IoError},
                              Fault{"disk full", &plan.disk_full, StoreErrc::DiskFull}}) {
      INFO(fault.name);
      const Counts before = counts(service.database());
      const int injected_before = plan.faults_injected;
      *fault.flag = true;
      auto failed = try_commit(service, *client, Decision::Granted);
      plan.clear();
      REQUIRE_FALSE(failed.has_value());
      CHECK(plan.faults_injected > injected_before);
      CHECK(failed.error().code == fault.expected);
      CHECK_FALSE(failed.error().message().en.empty());
      CHECK(failed.error().message().fr != failed.error().message().en);
      // Nothing half-written: as far as this connection can see, all three tables are as before.
      CHECK(counts(service.database()) == before);
      CHECK_FALSE(service.database().in_transaction());

      auto recovered = try_commit(service, *client, Decision::Refused);
      REQUIRE(recovered.has_value());
      committed.push_back(*recovered);
      auto now = counts(service.database());
      CHECK(now.ledger == now.outbox);
      CHECK(now.ledger == now.audit);
    }
    auto report = check_store(service.database());
    REQUIRE(report.has_value());
    CHECK(report->ok());
  }
  expect_consistent_on_reopen(store.db, committed);
}

TEST_CASE("a disk that fills up mid-stream stops commits cleanly and every id returned survives") {
  FaultyStore store;
  auto& plan = store.plan;
  auto& committed = store.committed;
  {
    auto service = store.open();
    auto client = service.identify(store_fixtures::known_people()[1]);
    // The WAL may grow by 512 KiB more (each commit adds several 4 KiB pages): a dozen or so, then full.
    plan.size_cap =
        static_cast<std::int64_t>(std::filesystem::file_size(store.dir / "kiosk.db-wal")) + 512 * 1024;
    std::optional<StoreError> stopped;
    for (int i = 0; i < 1000 && !stopped; ++i) {
      auto id = try_commit(service, *client, i % 2 ? Decision::Granted : Decision::Refused);
      if (id) {
        committed.push_back(*id);
      } else {
        stopped = id.error();
      }
    }
    REQUIRE(stopped.has_value());
    CHECK(stopped->code == StoreErrc::DiskFull);
    CHECK(committed.size() > 3);
    auto current = counts(service.database());
    CHECK(current.ledger == static_cast<std::int64_t>(committed.size()));
    plan.clear();
    auto after = try_commit(service, *client, Decision::Granted);
    REQUIRE(after.has_value());
    committed.push_back(*after);
  }
  expect_consistent_on_reopen(store.db, committed);
}

TEST_CASE("a database locked by another writer is reported as Locked, then works once free") {
  ScratchDir dir;
  const auto db = dir / "kiosk.db";
  SystemClock clock;
  MemoryLogger logger;
  auto options = store_fixtures::options_for(db);
  options.busy_timeout = std::chrono::milliseconds{50};
  auto service = ConsentService::open(options, store_fixtures::shipped_model(), clock, logger);
  REQUIRE(service.has_value());
  auto client = service->identify(store_fixtures::known_people()[2]);
  auto other = SqliteDatabase::open(db, {});
  REQUIRE(other.has_value());
  REQUIRE(other->exec("PRAGMA busy_timeout=0; BEGIN IMMEDIATE").has_value());
  auto locked = try_commit(*service, *client, Decision::Refused);
  REQUIRE_FALSE(locked.has_value());
  CHECK(locked.error().code == StoreErrc::Locked);
  REQUIRE(other->exec("ROLLBACK").has_value());
  CHECK(try_commit(*service, *client, Decision::Refused).has_value());
}

TEST_CASE(
    "a file that is not a database is set aside with its WAL, never deleted, and the next start is fresh") {
  ScratchDir dir;
  const auto db = dir / "kiosk.db";
  const std::string garbage(8192, 'x');
  std::ofstream(db, std::ios::binary) << garbage;
  std::ofstream(dir / "kiosk.db-wal", std::ios::binary) << "not a wal either";
  ManualClock clock(std::chrono::sys_days{std::chrono::year{2026} / 11 / 28} + std::chrono::hours{9});
  MemoryLogger logger;
  auto opened =
      ConsentService::open(store_fixtures::options_for(db), store_fixtures::shipped_model(), clock, logger);
  REQUIRE_FALSE(opened.has_value());
  CHECK(opened.error().code == StoreErrc::Corrupt);
  CHECK(opened.error().detail.find("set aside") != std::string::npos);
  CHECK(opened.error().message().fr.find("technicien") != std::string_view::npos);

  const auto aside = dir / "kiosk.db.corrupt-2026-11-28T090000.000Z";
  CHECK(read_file(aside) == garbage);
  CHECK(read_file(dir / "kiosk.db.corrupt-2026-11-28T090000.000Z-wal") == "not a wal either");
  CHECK_FALSE(std::filesystem::exists(db));
  CHECK_FALSE(logger.lines().empty());

  auto fresh =
      ConsentService::open(store_fixtures::options_for(db), store_fixtures::shipped_model(), clock, logger);
  REQUIRE(fresh.has_value());
  CHECK(std::filesystem::exists(aside));
}

TEST_CASE("a database with a damaged page fails the check at start and is set aside") {
  ScratchDir dir;
  const auto db = dir / "kiosk.db";
  SystemClock clock;
  MemoryLogger logger;
  {
    auto service = store_fixtures::open_service(db, clock, logger);
    auto client = service.identify(store_fixtures::known_people()[0]);
    for (int i = 0; i < 40; ++i)
      try_commit(service, *client, i % 2 ? Decision::Granted : Decision::Refused).value();
  }
  const auto page_size = 4096;
  {
    std::fstream file(db, std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(2 * page_size);
    const std::string noise(page_size, '\xA5');
    file.write(noise.data(), page_size);
  }
  const std::string damaged = read_file(db);
  auto opened =
      ConsentService::open(store_fixtures::options_for(db), store_fixtures::shipped_model(), clock, logger);
  REQUIRE_FALSE(opened.has_value());
  CHECK(opened.error().code == StoreErrc::Corrupt);
  bool found = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    const auto name = entry.path().filename().string();
    if (name.starts_with("kiosk.db.corrupt-") && !name.ends_with("-wal") && !name.ends_with("-shm")) {
      found = true;
      CHECK(read_file(entry.path()) == damaged);
    }
  }
  CHECK(found);
}
