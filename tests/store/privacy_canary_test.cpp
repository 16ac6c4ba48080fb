#include <catch2/catch.hpp>

#include <fstream>

#include "kiosk/core/consent/consent_rules.hpp"
#include "kiosk/store/consent_ledger.hpp"
#include "kiosk/store/ledger_retention.hpp"
#include "privacy_scan.hpp"
#include "scratch_dir.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::store;
using consent::Decision;

TEST_CASE("canary: no name, birth date or document number in any file the store wrote, WAL included") {
  ScratchDir dir;
  SystemClock clock;
  MemoryLogger logger;
  const auto people = store_fixtures::known_people();
  auto service = store_fixtures::open_service(dir / "kiosk.db", clock, logger);
  for (const auto& person : people) {
    auto client = service.identify(person);
    REQUIRE(client.has_value());
    store_fixtures::commit_choice(service, *client, "marketing-analysis", Decision::Refused);
    auto current = service.current(*client);
    const consent::SessionContext assisted{Language::French, consent::Channel::Kiosk, {"assoc-7"}};
    auto designation = consent::record_agent_designation(
        service.model(), *current, {consent::AuthorityDocument::PowerOfAttorney, true, "assoc-7"}, assisted);
    REQUIRE(designation.has_value());
    // The agent is a person too: their identity must not land on disk either.
    REQUIRE(service
                .commit(*client, *designation,
                        consent::AgentIdentity{"AGENTPERSONSON", "ARCHIBALDO", "ON", "AG55501234"})
                .has_value());
  }
  // The WAL still holds the pages: the scan sees them before any checkpoint.
  REQUIRE(std::filesystem::file_size(dir / "kiosk.db-wal") > 0);
  // Every row carries the record, so the scan would have found anything written in clear.
  REQUIRE(*ConsentLedger(service.database()).count() == 6);

  auto all_people = people;
  all_people.push_back({"ON", "AG55501234", "AGENTPERSONSON", "ARCHIBALDO", "1900-01-01"});
  const auto found = find_identity_leaks(dir.path(), all_people);
  CHECK(found.empty());
  for (const auto& leak : found) UNSCOPED_INFO(leak);

  for (const auto& line : logger.lines()) {
    for (const auto& person : all_people) {
      for (const auto& needle : identity_needles(person))
        CHECK(lower_case(line.message).find(needle) == std::string::npos);
    }
  }
}

TEST_CASE("the canary scan itself finds a name written in clear (the test can fail)") {
  ScratchDir dir;
  std::ofstream(dir / "leaky.log") << "client Quixotevargas born 25/03/1961\n";
  const auto found = find_identity_leaks(dir.path(), {store_fixtures::known_people()[0]});
  CHECK(found.size() == 2);
}
