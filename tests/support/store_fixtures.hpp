#pragma once
// Builders shared by the store, sync and app tests: the shipped consent model, a service on a real SQLite
// file with the cheap client hash, and known people.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "enrolled_kiosk.hpp"
#include "kiosk/core/consent/consent_rules.hpp"
#include "kiosk/store/consent_service.hpp"
#include "kiosk/store/policy_assets.hpp"
#include "scratch_dir.hpp"

namespace store_fixtures {

inline const kiosk::consent::ConsentModel& shipped_model() {
  static const kiosk::consent::ConsentModel model = [] {
    auto built = kiosk::store::build_consent_model(kiosk::store::embedded_policy_assets());
    if (!built) throw std::runtime_error(built.error().detail);
    return std::move(*built);
  }();
  return model;
}

inline kiosk::store::StoreOptions options_for(const std::filesystem::path& database, std::string vfs = {},
                                              kiosk::store::KeyPolicy keys = {}) {
  kiosk::store::StoreOptions options;
  options.database = database;
  options.keys = std::move(keys);
  options.kiosk_id = "test-kiosk";
  options.client_hash_cost = kiosk::store::test_only_client_hash_cost();
  options.vfs = std::move(vfs);
  return options;
}

inline kiosk::store::ConsentService open_service(const std::filesystem::path& database,
                                                 const kiosk::Clock& clock, kiosk::Logger& logger,
                                                 std::string vfs = {}) {
  auto service = kiosk::store::ConsentService::open(options_for(database, std::move(vfs)), shipped_model(),
                                                    clock, logger);
  if (!service) FAIL("open: " << service.error().detail);
  return std::move(*service);
}

// A service on kiosk.db in a fresh folder, with the system clock.
struct ServiceInScratch {
  ScratchDir dir;
  kiosk::SystemClock clock;
  kiosk::MemoryLogger logger;
  kiosk::store::ConsentService service = open_service(dir / "kiosk.db", clock, logger);
};

// A kiosk enrolled with a head office the test plays, its store on a real file.
struct EnrolledStore {
  explicit EnrolledStore(TestHeadOffice pinned = {}) : head_office(std::move(pinned)) {}

  ScratchDir dir;
  TestHeadOffice head_office;
  EnrolledKioskFiles kiosk = write_enrolled_kiosk(dir.path(), head_office);
  kiosk::ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  kiosk::MemoryLogger logger;

  kiosk::store::StoreOptions options() const { return options_for(kiosk.database, {}, kiosk.policy()); }
  kiosk::Expected<kiosk::store::ConsentService, kiosk::store::StoreError> open() {
    return kiosk::store::ConsentService::open(options(), shipped_model(), clock, logger);
  }
  kiosk::store::ConsentService service() {
    auto opened = open();
    if (!opened) FAIL("open: " << opened.error().detail);
    return std::move(*opened);
  }
};

inline std::vector<kiosk::consent::ClientIdentity> known_people() {
  return {{"QC", "Q4417-250361-07", "QUIXOTEVARGAS", "ZEBEDIAH ORLANDO", "1961-03-25"},
          {"ON", "W8831-77402-95117", "WOLFENSTEINER", "PERPETUA", "1977-12-09"},
          {"BC", "7719034", "HOLLINGSWORTHY", "EUSTACIA", "2002-08-30"}};
}

// A client ticks the optional items in `grant` and refuses the other ones they may refuse.
inline kiosk::consent::ConsentRecord choices_draft(kiosk::store::ConsentService& service,
                                                   const kiosk::store::ClientHandle& client,
                                                   std::vector<kiosk::consent::ItemDecision> changes,
                                                   kiosk::consent::SessionContext session = {}) {
  auto current = service.current(client);
  REQUIRE(current.has_value());
  auto draft = kiosk::consent::record_choices(service.model(), *current, changes, session);
  REQUIRE(draft.has_value());
  return std::move(*draft);
}

inline std::string commit_choice(kiosk::store::ConsentService& service,
                                 const kiosk::store::ClientHandle& client, const std::string& item,
                                 kiosk::consent::Decision decision) {
  auto id = service.commit(client, choices_draft(service, client, {{item, decision}}));
  if (!id) FAIL("commit: " << id.error().detail);
  return *id;
}

}  // namespace store_fixtures
