// kioskctl diagnostics: the bundle for support holds the figures a support engineer needs and no
// client's name, birth date or document number, and no key's bytes (canaries planted through
// demo-load, then looked for in the bundle's bytes).
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "aamva_payload_builder.hpp"
#include "ctl_runner.hpp"
#include "kiosk/seal/keys.hpp"
#include "privacy_scan.hpp"
#include "scratch_dir.hpp"
#include "test_head_office.hpp"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kKioskId = "store-3-kiosk-4";

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string hex(const std::string& bytes) {
  return kiosk::seal::to_hex(std::span(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()));
}

}  // namespace

TEST_CASE("the diagnostics bundle carries figures, and no planted identity nor key material") {
  kiosk::testing::TestHeadOffice hq;
  ScratchDir dir;
  const fs::path config = dir / "kiosk.toml";
  const std::string token = hq.token_for(kKioskId).text();
  REQUIRE(run_ctl({"provision", "--config", config.string(), "--hq-url", hq.url(), "--token", token,
                   "--kiosk-id", kKioskId})
              .exit == 0);

  const std::vector<kiosk::consent::ClientIdentity> canaries = {
      {"ON", "Q8642-97531-71035", "QUILLFEATHER", "ZEPHYRINE", "1971-03-05"},
      {"ON", "W1357-24680-90817", "BRACKENRIDGE", "OSWINDA", "1968-11-23"}};
  const fs::path payloads = dir / "payloads";
  fs::create_directories(payloads);
  for (std::size_t i = 0; i < canaries.size(); ++i) {
    const auto& person = canaries[i];
    auto card = kiosk::testing::canadian_card();
    card.set("DCS", person.family_name).set("DAC", person.given_names).remove("DAD");
    card.set("DAQ", person.document_number);
    std::string born = person.date_of_birth;
    std::erase(born, '-');
    card.set("DBB", born);
    std::ofstream(payloads / ("canary-" + std::to_string(i) + ".aamva"), std::ios::binary) << card.build();
  }
  auto loaded =
      run_ctl({"demo-load", "--config", config.string(), "--count", "4", "--payloads", payloads.string()});
  INFO(loaded.out);
  REQUIRE(loaded.exit == 0);

  const fs::path log = dir / "kiosk.log";
  std::ofstream(log)
      << "2026-12-07T10:00:00Z kiosk[12]: started\n2026-12-07T10:00:01Z kiosk[12]: first frame\n";
  const fs::path bundle = dir / "support" / "bundle.json";
  fs::create_directories(bundle.parent_path());
  auto run =
      run_ctl({"diagnostics", "--config", config.string(), "--out", bundle.string(), "--log", log.string()});
  INFO(run.out);
  REQUIRE(run.exit == 0);
  CHECK(json::parse(run.lines().back())["selftest_ok"] == true);

  const std::string bytes = file_bytes(bundle);
  const json report = json::parse(bytes);
  CHECK(report["versions"]["kioskctl"] == KIOSK_VERSION);
  CHECK(report["config"]["kiosk_id"] == kKioskId);
  CHECK(report["config"]["head_office_url"] == hq.url());
  CHECK(report["selftest"]["ok"] == true);
  CHECK(report["queue"]["pending"] == 4);
  CHECK(report["queue"]["ledger_records"] == 4);
  CHECK(report["queue"]["database_check"] == "ok");
  CHECK(report["audit_actions"]["consent-recorded"] == 4);
  CHECK(report["log"]["lines"].size() == 2);
  CHECK(report["log"]["lines"][1] == "2026-12-07T10:00:01Z kiosk[12]: first frame");

  // Every written form of each canary, case-insensitively.
  const std::string lowered = lower_case(bytes);
  for (const auto& person : canaries) {
    for (const auto& needle : identity_needles(person)) {
      INFO(needle);
      CHECK(lowered.find(needle) == std::string::npos);
    }
  }
  // No secret key's bytes, raw or in hex, and no token.
  for (const char* secret : {"kiosk.db.signing.key", "kiosk.db.client-hash.key"}) {
    const std::string key = file_bytes(dir / secret);
    REQUIRE(key.size() >= 32);
    INFO(secret);
    CHECK(bytes.find(key) == std::string::npos);
    CHECK(lowered.find(lower_case(hex(key.substr(0, 32)))) == std::string::npos);
    CHECK(lowered.find(lower_case(hex(key.substr(key.size() - 32)))) == std::string::npos);
  }
  CHECK(bytes.find(token) == std::string::npos);
  // Readable by the tech only until they hand it over; nothing else left beside it.
  CHECK((fs::status(bundle).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  CHECK(std::distance(fs::directory_iterator(bundle.parent_path()), fs::directory_iterator()) == 1);
}

TEST_CASE("diagnostics needs --config and --out, and says when it cannot write") {
  CHECK(run_ctl({"diagnostics", "--config", "x.toml"}).exit == 2);
  kiosk::testing::TestHeadOffice hq;
  ScratchDir dir;
  const fs::path config = dir / "kiosk.toml";
  REQUIRE(run_ctl({"provision", "--config", config.string(), "--hq-url", hq.url(), "--token",
                   hq.token_for(kKioskId).text(), "--kiosk-id", kKioskId})
              .exit == 0);
  auto run = run_ctl(
      {"diagnostics", "--config", config.string(), "--out", (dir / "no" / "such" / "b.json").string()});
  CHECK(run.exit == 2);
  CHECK(json::parse(run.lines().back())["error"]["code"] == "out-unwritable");
}
