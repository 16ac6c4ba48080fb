// kioskctl selftest on a kiosk enrolled with a real head office (consent-hq's server on
// 127.0.0.1): all checks pass on a healthy one, and each fault is named by its own check.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "../hq/shiftable_clock.hpp"
#include "ctl_runner.hpp"
#include "kiosk/seal/keys.hpp"
#include "kiosk/store/key_file.hpp"
#include "scratch_dir.hpp"
#include "test_head_office.hpp"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kKioskId = "store-9-kiosk-1";

// A kiosk enrolled by `kioskctl provision`, with two consents recorded.
struct ProvisionedKiosk {
  explicit ProvisionedKiosk(kiosk::testing::TestHeadOffice& hq) {
    auto provisioned = run_ctl({"provision", "--config", config().string(), "--hq-url", hq.url(), "--token",
                                hq.token_for(kKioskId).text(), "--kiosk-id", kKioskId});
    INFO(provisioned.out);
    REQUIRE(provisioned.exit == 0);
    REQUIRE(run_ctl({"demo-load", "--config", config().string(), "--count", "2"}).exit == 0);
  }
  fs::path config() const { return dir / "kiosk.toml"; }
  fs::path file(const std::string& name) const { return dir / name; }
  ScratchDir dir;
};

struct Selftest {
  int exit = -1;
  json report;
  std::string out;
  json check(const std::string& name) const {
    for (const auto& item : report["checks"]) {
      if (item["name"] == name) return item;
    }
    FAIL("no check named " << name << " in " << out);
    return {};
  }
  // Every check that failed, by name.
  std::set<std::string> failures() const {
    std::set<std::string> names;
    for (const auto& item : report["checks"]) {
      if (item["status"] == "failed") names.insert(item["name"].get<std::string>());
    }
    return names;
  }
};

Selftest selftest(const fs::path& config, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"selftest", "--config", config.string(), "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto run = run_ctl(args);
  INFO(run.out);
  REQUIRE(run.lines().size() == 1);
  return {run.exit, json::parse(run.lines().front()), run.out};
}

bool contains(const json& text, const std::string& part) {
  return text.get<std::string>().find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("selftest passes on a healthy enrolled kiosk, in JSON and in words") {
  kiosk::testing::TestHeadOffice hq;
  ProvisionedKiosk kiosk(hq);
  const Selftest result = selftest(kiosk.config());
  INFO(result.out);
  CHECK(result.exit == 0);
  CHECK(result.report["ok"] == true);
  CHECK(result.failures().empty());
  for (const char* name : {"sample-payloads", "barcode-image", "key-files", "head-office-key", "head-office",
                           "clock", "disk-free", "database", "font"}) {
    CHECK(result.check(name)["status"] == "ok");
  }
  CHECK(contains(result.check("sample-payloads")["detail"], "3 sample ID payloads parsed"));
  CHECK(contains(result.check("key-files")["detail"], "5 key files"));
  CHECK(contains(result.check("head-office-key")["detail"],
                 kiosk::seal::fingerprint(hq.identity_public_key())));
  CHECK(result.check("scanner")["status"] == "not-configured");
  CHECK(result.check("printer")["status"] == "not-configured");

  auto words = run_ctl({"selftest", "--config", kiosk.config().string()});
  CHECK(words.exit == 0);
  CHECK(words.out.find("All checks passed.") != std::string::npos);
  CHECK(words.out.find("ok      head-office: " + hq.url()) != std::string::npos);
}

TEST_CASE("selftest names a world-readable key file and says how to fix it") {
  kiosk::testing::TestHeadOffice hq;
  ProvisionedKiosk kiosk(hq);
  fs::permissions(kiosk.file("kiosk.db.signing.key"), fs::perms::others_read | fs::perms::group_read,
                  fs::perm_options::add);
  const Selftest result = selftest(kiosk.config());
  CHECK(result.exit == 2);
  CHECK(result.report["ok"] == false);
  const json keys = result.check("key-files");
  CHECK(keys["status"] == "failed");
  CHECK(contains(keys["detail"], "kiosk.db.signing.key: mode 0644, must be 0600"));
  CHECK(contains(keys["remedy"], "chmod 600"));
  CHECK(result.failures() == std::set<std::string>{"key-files", "head-office-key"});
  CHECK(contains(result.check("head-office-key")["remedy"], "fix the key-files check first"));
  CHECK(result.check("head-office")["status"] == "ok");
  CHECK(result.check("database")["status"] == "ok");

  auto words = run_ctl({"selftest", "--config", kiosk.config().string()});
  CHECK(words.exit == 2);
  CHECK(words.out.find("FAILED  key-files") != std::string::npos);
  CHECK(words.out.find("what to do: chmod 600") != std::string::npos);
}

TEST_CASE("selftest names a head office key that is not the one recorded at enrollment") {
  kiosk::testing::TestHeadOffice hq;
  ProvisionedKiosk kiosk(hq);
  fs::remove(kiosk.file("kiosk.db.hq.pub"));
  const auto stranger = kiosk::seal::generate_box_key_pair();
  REQUIRE(kiosk::store::write_new_key_file(kiosk.file("kiosk.db.hq.pub"), stranger.public_key).has_value());
  const Selftest result = selftest(kiosk.config());
  CHECK(result.exit == 2);
  CHECK(result.failures() == std::set<std::string>{"head-office-key"});
  CHECK(contains(result.check("head-office-key")["detail"], "kiosk.db.hq.pub"));
  CHECK(contains(result.check("head-office-key")["remedy"], "restore the original files"));
}

TEST_CASE("selftest names an unreachable head office, and cannot vouch for the clock") {
  kiosk::testing::TestHeadOffice hq;
  ProvisionedKiosk kiosk(hq);
  hq.stop();
  const Selftest result = selftest(kiosk.config());
  CHECK(result.exit == 2);
  CHECK(result.failures() == std::set<std::string>{"head-office", "clock"});
  CHECK(contains(result.check("head-office")["detail"], "unreachable"));
  CHECK(contains(result.check("head-office")["remedy"], "network"));
}

TEST_CASE("selftest names a clock an hour away from head office's") {
  ShiftableClock hq_clock;
  kiosk::testing::TestHeadOffice hq(kiosk::testing::HqBackend::Sqlite, &hq_clock);
  ProvisionedKiosk kiosk(hq);
  hq_clock.advance(std::chrono::hours(1));
  const Selftest result = selftest(kiosk.config());
  CHECK(result.exit == 2);
  CHECK(result.failures() == std::set<std::string>{"clock"});
  CHECK(contains(result.check("clock")["detail"], "behind head office's"));
  CHECK(contains(result.check("clock")["remedy"], "timedatectl set-ntp true"));
}

TEST_CASE("selftest names a corrupt database, opened read-only") {
  kiosk::testing::TestHeadOffice hq;
  ProvisionedKiosk kiosk(hq);
  const fs::path db = kiosk.file("kiosk.db");
  REQUIRE_FALSE(fs::exists(kiosk.file("kiosk.db-wal")));
  {
    // Past the header: SQLite still opens the file, and its quick check finds the damage.
    std::fstream file(db, std::ios::in | std::ios::out | std::ios::binary);
    const std::string garbage(8192, '\x5a');
    file.seekp(4096);
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  const auto size = fs::file_size(db);
  const Selftest result = selftest(kiosk.config());
  CHECK(result.exit == 2);
  CHECK(result.check("database")["status"] == "failed");
  CHECK(contains(result.check("database")["remedy"], "call support"));
  CHECK(contains(result.check("database")["detail"], "Page 2"));
  CHECK(contains(result.check("head-office-key")["detail"], "cannot compare"));
  CHECK(fs::file_size(db) == size);  // read-only: the kiosk, not the self-test, sets it aside
  CHECK_FALSE(fs::exists(kiosk.file("kiosk.db-wal")));
  CHECK_FALSE(fs::exists(kiosk.file("kiosk.db-shm")));
}

TEST_CASE("selftest names a data partition below its free-space floor") {
  kiosk::testing::TestHeadOffice hq;
  ProvisionedKiosk kiosk(hq);
  const Selftest result = selftest(kiosk.config(), {"--min-free-mb", "999999999"});
  CHECK(result.exit == 2);
  CHECK(result.failures() == std::set<std::string>{"disk-free"});
  CHECK(contains(result.check("disk-free")["detail"], "below the floor of 999999999 MiB"));
}

TEST_CASE("selftest names a configured scanner that is not plugged in") {
  kiosk::testing::TestHeadOffice hq;
  ProvisionedKiosk kiosk(hq);
  std::ofstream(kiosk.config(), std::ios::app)
      << "\n[scanner]\nusb_vendor_id = 0xfffe\nusb_product_id = 0x0001\n";
  const Selftest result = selftest(kiosk.config());
  CHECK(result.exit == 2);
  CHECK(result.failures() == std::set<std::string>{"scanner"});
  CHECK(contains(result.check("scanner")["detail"], "fffe:0001 not found"));
}

TEST_CASE("selftest on a demo kiosk: no head office is not configured, not a failure") {
  ScratchDir dir;
  const fs::path config = dir / "kiosk.toml";
  std::ofstream(config) << "[kiosk]\nid = \"demo-7\"\n[storage]\ndatabase = \"kiosk.db\"\n";
  REQUIRE(run_ctl({"demo-load", "--config", config.string(), "--count", "1"}).exit == 0);
  const Selftest result = selftest(config);
  CHECK(result.exit == 0);
  CHECK(result.failures().empty());
  CHECK(result.check("head-office")["status"] == "not-configured");
  CHECK(result.check("clock")["status"] == "not-configured");
  CHECK(contains(result.check("key-files")["detail"], "4 key files"));
  CHECK(contains(result.check("head-office-key")["detail"], "demo kiosk"));
}

TEST_CASE("selftest names a configured receipt printer that is not plugged in") {
  kiosk::testing::TestHeadOffice hq;
  ProvisionedKiosk kiosk(hq);
  std::ofstream(kiosk.config(), std::ios::app) << "\n[printer]\nvendor_id = 0xfffd\nproduct_id = 0x0002\n";
  const Selftest result = selftest(kiosk.config());
  CHECK(result.exit == 2);
  CHECK(result.failures() == std::set<std::string>{"printer"});
  CHECK(contains(result.check("printer")["detail"], "fffd:0002 not found"));
  CHECK(contains(result.check("printer")["remedy"], "[printer]"));
}
