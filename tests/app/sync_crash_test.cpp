// The kiosk's side of "killed at random points": `kioskctl sync --once` dies by SIGKILL while it
// delivers (starting up, between batches, with a request in flight, while it records an
// answer). No record may be lost, and the run after the kills delivers each one exactly once.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "child_process.hpp"
#include "ctl_runner.hpp"
#include "hq_stub_server.hpp"
#include "kiosk/store/sqlite_database.hpp"
#include "scratch_dir.hpp"

namespace {

constexpr const char* kKioskId = "store-3-kiosk-1";

// The record ids a query on the kiosk's database lists.
std::set<std::string> record_ids(const std::filesystem::path& db, const std::string& sql) {
  auto opened = kiosk::store::SqliteDatabase::open(db, kiosk::store::OpenFlags{false, {}, true, false});
  REQUIRE(opened.has_value());
  auto query = opened->prepare(sql);
  REQUIRE(query.has_value());
  std::set<std::string> ids;
  for (auto row = query->step(); row.has_value() && *row; row = query->step())
    ids.insert(query->column_text(0));
  return ids;
}

}  // namespace

TEST_CASE(
    "crash: sync --once killed with SIGKILL at random points, 12 times: nothing lost, each record once") {
  HqStubServer hq;
  ScratchDir dir("kiosk-sync-crash");
  const auto config = dir / "kiosk.toml";
  const auto db = dir / "kiosk.db";
  auto provisioned = run_ctl({"provision", "--config", config.string(), "--hq-url", hq.url(), "--token",
                              hq.issue_token(kKioskId).text(), "--kiosk-id", kKioskId});
  INFO(provisioned.out);
  REQUIRE(provisioned.exit == 0);
  // Batches of two: a drain is many requests, so the kills land between and inside them.
  std::ofstream(config, std::ios::app) << "batch_max_records = 2\n";
  std::mt19937 random(20261207);

  for (int run = 0; run < 12; ++run) {
    REQUIRE(run_ctl({"demo-load", "--config", config.string(), "--count", "3"}).exit == 0);
    ChildProcess sync({kioskctl_binary(), "sync", "--config", config.string(), "--once"},
                      (dir / "stderr.log").string());
    std::this_thread::sleep_for(std::chrono::microseconds{random() % 150000});
    sync.kill_hard();
    sync.wait();

    INFO("run " << run);
    const auto waiting = record_ids(db, "SELECT record_id FROM outbox");
    const auto stored = hq.stored_ids();
    const std::set<std::string> at_head_office(stored.begin(), stored.end());
    for (const auto& id : record_ids(db, "SELECT record_id FROM ledger")) {
      INFO(id);
      CHECK((waiting.contains(id) || at_head_office.contains(id)));
    }
  }

  auto last = run_ctl({"sync", "--config", config.string(), "--once"});
  INFO(last.out);
  REQUIRE(last.exit == 0);
  CHECK(nlohmann::json::parse(last.lines().back())["pending"] == 0);
  const auto committed = record_ids(db, "SELECT record_id FROM ledger");
  CHECK(committed.size() == 36);
  CHECK(record_ids(db, "SELECT record_id FROM outbox").empty());
  const auto stored = hq.stored_ids();
  CHECK(stored.size() == committed.size());  // each once: a copy sent again is a duplicate
  CHECK(std::set<std::string>(stored.begin(), stored.end()) == committed);
}
