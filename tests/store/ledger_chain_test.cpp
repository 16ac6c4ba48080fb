#include <catch2/catch.hpp>

#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/store_check.hpp"
#include "scratch_dir.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::store;
using consent::Decision;

namespace {

// Five consents by two clients, then the service is closed: the file is all that is left.
std::vector<std::string> make_ledger(const std::filesystem::path& db) {
  SystemClock clock;
  MemoryLogger logger;
  auto service = store_fixtures::open_service(db, clock, logger);
  auto a = service.identify(store_fixtures::known_people()[0]);
  auto b = service.identify(store_fixtures::known_people()[1]);
  std::vector<std::string> ids;
  ids.push_back(store_fixtures::commit_choice(service, *a, "marketing-analysis", Decision::Refused));
  ids.push_back(store_fixtures::commit_choice(service, *b, "share-third-party-marketers", Decision::Granted));
  ids.push_back(store_fixtures::commit_choice(service, *a, "business-analysis", Decision::Refused));
  ids.push_back(store_fixtures::commit_choice(service, *b, "marketing-analysis", Decision::Refused));
  ids.push_back(store_fixtures::commit_choice(service, *a, "marketing-analysis", Decision::Granted));
  return ids;
}

StoreCheckReport check(const std::filesystem::path& db) {
  auto opened = open_database_for_inspection(db);
  REQUIRE(opened.has_value());
  auto report = check_store(*opened);
  REQUIRE(report.has_value());
  return std::move(*report);
}

void tamper(const std::filesystem::path& db, const std::string& sql) {
  auto opened = open_database_for_inspection(db);
  REQUIRE(opened.has_value());
  REQUIRE(opened->exec(sql).has_value());
}

bool mentions(const std::vector<std::string>& problems, const std::string& words) {
  for (const auto& problem : problems) {
    if (problem.find(words) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("an untouched ledger verifies: integrity, both chains, outbox") {
  ScratchDir dir;
  make_ledger(dir / "kiosk.db");
  auto report = check(dir / "kiosk.db");
  CHECK(report.integrity == "ok");
  CHECK(report.ledger.rows == 5);
  CHECK(report.audit.rows == 5);
  CHECK(report.outbox_pending == 5);
  CHECK(report.ok());
}

TEST_CASE("verification names each kind of tampering") {
  ScratchDir dir;
  const auto db = dir / "kiosk.db";
  const auto ids = make_ledger(db);

  SECTION("a decision edited in place") {
    tamper(db, "UPDATE ledger SET body = replace(body, '\"refused\"', '\"granted\"') WHERE seq = 3");
    auto report = check(db);
    CHECK_FALSE(report.ok());
    CHECK(mentions(report.ledger.problems, "ledger row 3: content does not match its hash"));
  }
  SECTION("a row deleted from the middle, its envelope too") {
    tamper(db, "DELETE FROM outbox WHERE record_id = '" + ids[2] + "'; DELETE FROM ledger WHERE seq = 3");
    auto report = check(db);
    CHECK_FALSE(report.ok());
    CHECK(mentions(report.ledger.problems, "ledger row 4: expected seq 3"));
    CHECK(mentions(report.ledger.problems, "ledger row 4: does not link to the previous row"));
  }
  SECTION("a row deleted, its envelope left behind") {
    tamper(db, "DELETE FROM ledger WHERE seq = 5");
    auto report = check(db);
    CHECK_FALSE(report.ok());
    CHECK(mentions(report.outbox_problems, "outbox envelope without a ledger record: " + ids[4]));
  }
  SECTION("an indexed column changed so that queries would lie") {
    tamper(db, "UPDATE ledger SET kind = 'withdrawal' WHERE seq = 2");
    CHECK(mentions(check(db).ledger.problems, "ledger row 2: columns disagree with the hashed body"));
  }
  SECTION("an envelope dropped without delivery") {
    tamper(db, "DELETE FROM outbox WHERE record_id = '" + ids[1] + "'");
    CHECK(mentions(check(db).outbox_problems,
                   "neither waiting in the outbox, delivered nor quarantined: " + ids[1]));
  }
  SECTION("an envelope renumbered past the chain's head") {
    tamper(db, "UPDATE outbox SET seq = 999 WHERE record_id = '" + ids[2] + "'");
    CHECK(mentions(check(db).outbox_problems, "envelope numbered past the chain's head: " + ids[2]));
  }
  SECTION("an audit entry rewritten") {
    tamper(db, "UPDATE audit SET actor = 'someone-else' WHERE seq = 2");
    auto report = check(db);
    CHECK_FALSE(report.ok());
    CHECK(mentions(report.audit.problems, "audit row 2: content does not match its hash"));
  }
  SECTION("a stored hash overwritten breaks its own row and the link from the next") {
    tamper(db, "UPDATE ledger SET row_hash = zeroblob(32) WHERE seq = 2");
    auto report = check(db);
    CHECK(mentions(report.ledger.problems, "ledger row 2: content does not match its hash"));
    CHECK(mentions(report.ledger.problems, "ledger row 3: does not link to the previous row"));
  }
}
