#include <catch2/catch.hpp>

#include "kiosk/store/consent_ledger.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/store_check.hpp"
#include "scratch_dir.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::store;
using consent::Decision;
using namespace std::chrono;

namespace {

void deliver_all(ConsentService& service, const Clock& clock) {
  Outbox outbox(service.database());
  auto pending = outbox.pending(1000);
  REQUIRE(pending.has_value());
  for (const auto& item : *pending) REQUIRE(outbox.acknowledge(item.record_id, clock.now()).has_value());
}

}  // namespace

TEST_CASE(
    "retention prunes delivered history older than the period, keeping the chain and every client's state") {
  ScratchDir dir;
  ManualClock clock(sys_days{year{2026} / 1 / 1});
  MemoryLogger logger;
  auto service = store_fixtures::open_service(dir / "kiosk.db", clock, logger);
  auto a = service.identify(store_fixtures::known_people()[0]);
  auto b = service.identify(store_fixtures::known_people()[1]);
  store_fixtures::commit_choice(service, *a, "marketing-analysis", Decision::Refused);
  store_fixtures::commit_choice(service, *b, "share-third-party-marketers", Decision::Granted);
  clock.advance(days{10});
  store_fixtures::commit_choice(service, *a, "business-analysis", Decision::Refused);
  const auto state_a = service.current(*a)->decisions;
  const auto state_b = service.current(*b)->decisions;
  deliver_all(service, clock);

  clock.advance(days{400});
  auto pruned = service.prune(days{365});
  REQUIRE(pruned.has_value());
  CHECK(pruned->pruned_rows == 3);
  CHECK(pruned->carried_forward == 2);
  CHECK(pruned->last_pruned_seq == 3);

  // The state survives pruning; the chain verifies from the checkpoint on.
  CHECK(service.current(*a)->decisions == state_a);
  CHECK(service.current(*b)->decisions == state_b);
  CHECK_FALSE(service.current(*a)->needs_review);
  auto report = check_store(service.database());
  REQUIRE(report.has_value());
  CHECK(report->ok());
  CHECK(report->ledger.rows == 2);
  CHECK(report->ledger.first_seq == 4);
  CHECK(*service.database().query_int("SELECT count(*) FROM outbox_delivered") == 0);

  // Nothing more to prune: a second pass changes nothing.
  auto again = service.prune(days{365});
  REQUIRE(again.has_value());
  CHECK(again->pruned_rows == 0);

  SECTION("removing the checkpoint is detected") {
    REQUIRE(service.database().exec("DELETE FROM chain_checkpoint").has_value());
    auto tampered = check_store(service.database());
    CHECK_FALSE(tampered->ok());
    CHECK(tampered->ledger.problems.front().find("ledger row 4") != std::string::npos);
  }
}

TEST_CASE("retention never prunes what head office has not acknowledged, nor anything after it") {
  ScratchDir dir;
  ManualClock clock(sys_days{year{2026} / 1 / 1});
  MemoryLogger logger;
  auto service = store_fixtures::open_service(dir / "kiosk.db", clock, logger);
  auto a = service.identify(store_fixtures::known_people()[0]);
  const auto first = store_fixtures::commit_choice(service, *a, "marketing-analysis", Decision::Refused);
  Outbox outbox(service.database());
  REQUIRE(outbox.acknowledge(first, clock.now()).has_value());
  const auto waiting = store_fixtures::commit_choice(service, *a, "marketing-analysis", Decision::Granted);
  const auto third = store_fixtures::commit_choice(service, *a, "business-analysis", Decision::Refused);
  REQUIRE(outbox.acknowledge(third, clock.now()).has_value());

  clock.advance(days{4000});
  auto pruned = service.prune(days{365});
  REQUIRE(pruned.has_value());
  CHECK(pruned->pruned_rows == 1);
  CHECK(pruned->carried_forward == 0);  // the client's latest state is still in the ledger
  ConsentLedger ledger(service.database());
  CHECK(*ledger.count() == 2);
  CHECK(*outbox.pending_count() == 1);
  CHECK(check_store(service.database())->ok());
}
