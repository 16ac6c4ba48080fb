// A damaged database set aside: the fresh one takes over what was still waiting for head office
// and continues the envelope chain where the old one stopped.
#include <catch2/catch.hpp>

#include <fstream>

#include "kiosk/store/outbox.hpp"
#include "kiosk/store/outbox_salvage.hpp"
#include "kiosk/store/recorded_keys.hpp"
#include "kiosk/store/store_check.hpp"
#include "scratch_dir.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::store;
using consent::Decision;
namespace fs = std::filesystem;

namespace {

// Overwrites one b-tree page of the named index with noise: SQLite's quick check fails on it,
// while the outbox and the chain's tables stay readable.
void damage_index(const fs::path& db, const char* index) {
  std::int64_t page = 0;
  {
    auto opened = SqliteDatabase::open(db, OpenFlags{false, {}, true, false});
    REQUIRE(opened.has_value());
    page = *opened->query_int(std::string("SELECT rootpage FROM sqlite_master WHERE name = '") + index + "'");
  }
  REQUIRE(page > 1);
  constexpr std::int64_t kPage = 4096;
  std::fstream file(db, std::ios::binary | std::ios::in | std::ios::out);
  file.seekp((page - 1) * kPage);
  const std::string noise(kPage, '\xA5');
  file.write(noise.data(), kPage);
}

seal::BoxKeyring demo_ring(const fs::path& db) {
  auto demo = load_demo_head_office(db);
  REQUIRE(demo.has_value());
  seal::BoxKeyring ring;
  ring.add(*demo);
  return ring;
}

}  // namespace

TEST_CASE("a fresh database salvages the unsent envelopes of a damaged one and continues its chain") {
  ScratchDir dir;
  const fs::path db = dir / "kiosk.db";
  ManualClock clock(std::chrono::sys_days{std::chrono::year{2026} / 11 / 28});
  MemoryLogger logger;
  std::vector<std::string> unsent;
  Bytes last_hash;
  {
    auto service = store_fixtures::open_service(db, clock, logger);
    for (int i = 0; i < 12; ++i) {
      auto client = service.identify(store_fixtures::known_people()[static_cast<std::size_t>(i % 3)]);
      const auto id = store_fixtures::commit_choice(service, *client, "marketing-analysis",
                                                    i % 2 ? Decision::Granted : Decision::Refused);
      if (i >= 4) unsent.push_back(id);
    }
    Outbox outbox(service.database());
    auto pending = outbox.pending(4);
    for (const auto& item : *pending) REQUIRE(outbox.acknowledge(item.record_id, clock.now()).has_value());
    last_hash = outbox.chain_head()->last_hash;
  }
  damage_index(db, "ledger_by_time");
  auto refused =
      ConsentService::open(store_fixtures::options_for(db), store_fixtures::shipped_model(), clock, logger);
  REQUIRE_FALSE(refused.has_value());
  REQUIRE(refused.error().code == StoreErrc::Corrupt);
  REQUIRE(set_aside_databases(db).size() == 1);
  const std::string aside = set_aside_databases(db).front().filename().string();

  clock.advance(std::chrono::minutes{5});
  auto service = store_fixtures::open_service(db, clock, logger);
  Outbox outbox(service.database());
  auto salvaged = outbox.pending(100);
  REQUIRE(salvaged.has_value());
  REQUIRE(salvaged->size() == unsent.size());
  for (std::size_t i = 0; i < unsent.size(); ++i) {
    CHECK((*salvaged)[i].record_id == unsent[i]);
    CHECK((*salvaged)[i].seq == static_cast<std::int64_t>(i + 5));  // their numbers kept
  }
  CHECK(*service.database().query_int("SELECT count(*) FROM outbox WHERE salvaged_from = '" + aside + "'") ==
        static_cast<std::int64_t>(unsent.size()));
  auto head = outbox.chain_head();
  CHECK(head->last_seq == 12);
  CHECK(head->last_hash == last_hash);
  auto note = read_meta(service.database(), "envelope_chain_restart");
  REQUIRE(note->has_value());
  CHECK((*note)->find("continued after seq 12 of " + aside) != std::string::npos);

  // The next record continues the old chain: number 13, linked to the old chain's last hash.
  auto client = service.identify(store_fixtures::known_people()[0]);
  const auto next = store_fixtures::commit_choice(service, *client, "marketing-analysis", Decision::Granted);
  auto all = outbox.pending(100);
  REQUIRE(all->back().record_id == next);
  CHECK(all->back().seq == 13);
  auto opened = seal::open_envelope(all->back().envelope, demo_ring(db));
  REQUIRE(opened.has_value());
  CHECK(Bytes(opened->header.previous.begin(), opened->header.previous.end()) == last_hash);
  // The salvaged envelopes are intact: head office can still open them.
  CHECK(seal::open_envelope(all->front().envelope, demo_ring(db)).has_value());

  auto report = check_store(service.database());
  REQUIRE(report.has_value());
  CHECK(report->ok());
  CHECK(logger.lines().back().message.find("salvaged") != std::string::npos);

  // The set-aside file is evidence: salvaging did not change it, and a reopen salvages nothing more.
  const auto size_before = fs::file_size(set_aside_databases(db).front());
  auto again = store_fixtures::open_service(db, clock, logger);
  CHECK(*Outbox(again.database()).pending_count() == static_cast<std::int64_t>(unsent.size()) + 1);
  CHECK(fs::file_size(set_aside_databases(db).front()) == size_before);
}

TEST_CASE("a set-aside file with nothing readable: the fresh database starts over and says so") {
  ScratchDir dir;
  const fs::path db = dir / "kiosk.db";
  ManualClock clock(std::chrono::sys_days{std::chrono::year{2026} / 11 / 28});
  MemoryLogger logger;
  std::ofstream(db, std::ios::binary) << std::string(8192, 'x');
  REQUIRE_FALSE(
      ConsentService::open(store_fixtures::options_for(db), store_fixtures::shipped_model(), clock, logger)
          .has_value());
  auto service = store_fixtures::open_service(db, clock, logger);
  CHECK(*Outbox(service.database()).pending_count() == 0);
  auto note = read_meta(service.database(), "envelope_chain_restart");
  REQUIRE(note->has_value());
  CHECK((*note)->find("restarted at seq 1") != std::string::npos);
  auto client = service.identify(store_fixtures::known_people()[0]);
  store_fixtures::commit_choice(service, *client, "marketing-analysis", Decision::Granted);
  CHECK(Outbox(service.database()).pending(1)->front().seq == 1);
}
