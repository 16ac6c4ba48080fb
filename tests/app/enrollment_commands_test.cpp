// kioskctl provision, sync and status against a real HTTPS head office on 127.0.0.1.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "ctl_runner.hpp"
#include "hq_stub_server.hpp"
#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/store/key_file.hpp"
#include "kiosk/store/sqlite_database.hpp"
#include "scratch_dir.hpp"
#include "tls_relay.hpp"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kKioskId = "store-7-kiosk-2";

CtlResult provision(const fs::path& config, const std::string& url, const std::string& token,
                    const std::string& kiosk_id = kKioskId) {
  return run_ctl({"provision", "--config", config.string(), "--hq-url", url, "--token", token, "--kiosk-id",
                  kiosk_id, "--store-name", "Store \"7\"", "--time-zone", "America/Halifax"});
}

json last_json(const CtlResult& run) {
  REQUIRE_FALSE(run.lines().empty());
  return json::parse(run.lines().back());
}

std::set<std::string> listing(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

std::int64_t outbox_rows(const fs::path& db) {
  auto opened = kiosk::store::SqliteDatabase::open(db, kiosk::store::OpenFlags{false, {}, true, false});
  REQUIRE(opened.has_value());
  return *opened->query_int("SELECT count(*) FROM outbox");
}

}  // namespace

TEST_CASE("provision enrolls with head office, writes config, keys and database, and never twice") {
  HqStubServer hq;
  ScratchDir dir;
  const fs::path config = dir / "etc" / "kiosk.toml";
  auto run = provision(config, hq.url() + "/", hq.issue_token(kKioskId).text());
  INFO(run.out);
  REQUIRE(run.exit == 0);
  const json out = last_json(run);
  CHECK(out["ok"] == true);
  CHECK(out["kiosk_id"] == kKioskId);
  CHECK(out["fingerprints"]["hq_certificate_spki"] == kiosk::seal::to_hex(hq.spki()));
  CHECK(out["fingerprints"]["hq_identity"] == kiosk::seal::fingerprint(hq.keys().identity.public_key));

  const fs::path etc = dir / "etc";
  CHECK(listing(etc) == std::set<std::string>{"kiosk.toml", "kiosk.db", "kiosk.db.signing.key",
                                              "kiosk.db.client-hash.key", "kiosk.db.hq.pub",
                                              "kiosk.db.hq-identity.pub", "kiosk.db.hq.crt"});
  for (const auto& name : listing(etc)) {
    if (name == "kiosk.toml" || name == "kiosk.db") continue;
    struct stat info {};
    REQUIRE(::stat((etc / name).c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
  }
  auto loaded = kiosk::load_kiosk_config(config);
  REQUIRE(loaded.has_value());
  CHECK(loaded->enrolled());
  CHECK(loaded->kiosk_id == kKioskId);
  CHECK(loaded->store_name == "Store \"7\"");
  CHECK(loaded->time_zone == "America/Halifax");
  CHECK(loaded->head_office_url == hq.url());
  std::ifstream certificate(etc / "kiosk.db.hq.crt");
  CHECK(std::string(std::istreambuf_iterator<char>(certificate), {}) == hq.keys().tls.certificate_pem);

  // Never over an existing config, nor over another kiosk's keys beside it.
  auto again = provision(config, hq.url(), hq.issue_token(kKioskId).text());
  CHECK(again.exit == 2);
  CHECK(last_json(again)["error"]["code"] == "config-exists");
  auto beside = provision(etc / "other.toml", hq.url(), hq.issue_token(kKioskId).text());
  CHECK(beside.exit == 2);
  CHECK(last_json(beside)["error"]["code"] == "already-provisioned");
  CHECK_FALSE(fs::exists(etc / "other.toml"));
}

TEST_CASE("provision refuses a time zone the system does not know, before it touches anything") {
  HqStubServer hq;
  ScratchDir dir;
  const fs::path config = dir / "etc" / "kiosk.toml";
  auto run = run_ctl({"provision", "--config", config.string(), "--hq-url", hq.url(), "--token",
                      hq.issue_token(kKioskId).text(), "--kiosk-id", kKioskId, "--time-zone", "Eastern"});
  CHECK(run.exit == 2);
  const json error = last_json(run)["error"];
  CHECK(error["code"] == "usage");
  CHECK(error["message"].get<std::string>().find("America/Toronto") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "etc"));
}

TEST_CASE("an enrolled kiosk records with demo-load, delivers with sync --once, and status tells it all") {
  HqStubServer hq;
  ScratchDir dir;
  const fs::path config = dir / "kiosk.toml";
  REQUIRE(provision(config, hq.url(), hq.issue_token(kKioskId).text()).exit == 0);
  auto loaded = run_ctl({"demo-load", "--config", config.string(), "--count", "6"});
  INFO(loaded.out);
  REQUIRE(loaded.exit == 0);
  CHECK(outbox_rows(dir / "kiosk.db") == 6);
  CHECK_FALSE(fs::exists(dir / "kiosk.db.hq-demo.key"));

  const json before = last_json(run_ctl({"status", "--config", config.string()}));
  CHECK(before["mode"] == "enrolled");
  CHECK(before["enrolled"] == true);
  CHECK(before["queue"]["pending"] == 6);
  CHECK(before["queue"]["oldest_pending_age_s"].is_number());
  CHECK(before["sync"]["last_attempt"].is_null());

  auto synced = run_ctl({"sync", "--config", config.string(), "--once"});
  INFO(synced.out);
  REQUIRE(synced.exit == 0);
  const json report = last_json(synced);
  CHECK(report["sent"] == 6);
  CHECK(report["acked"] == 6);
  CHECK(report["pending"] == 0);
  CHECK(report["quarantined"] == 0);
  CHECK(report["oldest_pending_age_s"].is_null());
  CHECK(report["last_error"].is_null());
  CHECK(hq.stored_ids().size() == 6);

  const json after = last_json(run_ctl({"status", "--config", config.string()}));
  CHECK(after["ok"] == true);
  CHECK(after["kiosk_id"] == kKioskId);
  CHECK(after["head_office_url"] == hq.url());
  CHECK(after["queue"]["pending"] == 0);
  CHECK(after["queue"]["delivered"] == 6);
  CHECK(after["sync"]["acked_total"] == 6);
  CHECK(after["sync"]["last_success"].is_string());
  CHECK(after["sync"]["last_error"].is_null());
  CHECK(after["keys"]["hq_certificate_spki"] == kiosk::seal::to_hex(hq.spki()));
  CHECK(after["keys"]["kiosk_signing"].is_string());
}

TEST_CASE("status reads the database without changing it or leaving a file behind") {
  HqStubServer hq;
  ScratchDir dir;
  const fs::path config = dir / "kiosk.toml";
  REQUIRE(provision(config, hq.url(), hq.issue_token(kKioskId).text()).exit == 0);
  REQUIRE(run_ctl({"demo-load", "--config", config.string(), "--count", "2"}).exit == 0);
  const auto files = listing(dir.path());
  const auto size = fs::file_size(dir / "kiosk.db");
  const auto modified = fs::last_write_time(dir / "kiosk.db");
  auto status = run_ctl({"status", "--config", config.string()});
  CHECK(status.exit == 0);
  CHECK(last_json(status)["queue"]["pending"] == 2);
  CHECK(listing(dir.path()) == files);
  CHECK(fs::file_size(dir / "kiosk.db") == size);
  CHECK(fs::last_write_time(dir / "kiosk.db") == modified);
}

TEST_CASE("provision with a wrong token is refused and writes nothing") {
  HqStubServer hq;
  hq.issue_token(kKioskId);
  ScratchDir dir;
  auto run = provision(dir / "kiosk.toml", hq.url(), kiosk::protocol::EnrollmentToken::generate().text());
  CHECK(run.exit == 2);
  CHECK(last_json(run)["error"]["code"] == "token-unknown");
  CHECK(listing(dir.path()).empty());
  auto malformed = provision(dir / "kiosk.toml", hq.url(), "not-a-token");
  CHECK(malformed.exit == 2);
  CHECK(last_json(malformed)["error"]["code"] == "bad-token");
}

TEST_CASE("provision through a man in the middle with another certificate fails, and the token survives") {
  HqStubServer hq;
  TlsRelay relay(hq.port());
  ScratchDir dir;
  const auto token = hq.issue_token(kKioskId).text();
  auto relayed = provision(dir / "kiosk.toml", relay.url(), token);
  CHECK(relayed.exit == 2);
  CHECK(last_json(relayed)["error"]["code"] == "proof-mismatch");
  CHECK(relay.relayed() >= 1);  // the relay passed the kiosk's proof on, and head office refused it
  CHECK(listing(dir.path()).empty());
  // The refused proof did not spend the token: the tech can enroll directly.
  CHECK(provision(dir / "kiosk.toml", hq.url(), token).exit == 0);
}

TEST_CASE("a changed head office key: status says why, and sync and demo-load refuse") {
  HqStubServer hq;
  ScratchDir dir;
  const fs::path config = dir / "kiosk.toml";
  REQUIRE(provision(config, hq.url(), hq.issue_token(kKioskId).text()).exit == 0);
  REQUIRE(run_ctl({"demo-load", "--config", config.string(), "--count", "1"}).exit == 0);
  const fs::path box = dir / "kiosk.db.hq.pub";
  fs::remove(box);
  const auto stranger = kiosk::seal::generate_box_key_pair();
  REQUIRE(kiosk::store::write_new_key_file(box, stranger.public_key).has_value());

  auto status = run_ctl({"status", "--config", config.string()});
  CHECK(status.exit == 2);
  const json problem = last_json(status)["keys"]["problem"];
  CHECK(problem["en"].get<std::string>().find("kiosk.db.hq.pub") != std::string::npos);
  CHECK(problem["fr"].get<std::string>().find("diffère") != std::string::npos);

  auto synced = run_ctl({"sync", "--config", config.string(), "--once"});
  CHECK(synced.exit == 2);
  CHECK(last_json(synced)["error"]["code"] == "store-key-file");
  auto recorded = run_ctl({"demo-load", "--config", config.string(), "--count", "1"});
  CHECK(recorded.exit == 2);
  CHECK(outbox_rows(dir / "kiosk.db") == 1);  // nothing sealed to the stranger's key
  CHECK(hq.requests("/v1/records") == 0);
}

TEST_CASE("sync refuses a demo config and reports an unreachable head office without losing anything") {
  ScratchDir dir;
  std::ofstream(dir / "demo.toml") << "[kiosk]\nid = \"demo\"\n[storage]\ndatabase = \"kiosk.db\"\n";
  auto demo = run_ctl({"sync", "--config", (dir / "demo.toml").string(), "--once"});
  CHECK(demo.exit == 2);
  CHECK(last_json(demo)["error"]["code"] == "not-enrolled");
  CHECK(run_ctl({"sync", "--config", (dir / "demo.toml").string()}).exit == 2);

  ScratchDir enrolled;
  int port = 0;
  {
    HqStubServer hq;
    port = hq.port();
    REQUIRE(provision(enrolled / "kiosk.toml", hq.url(), hq.issue_token(kKioskId).text()).exit == 0);
  }  // head office goes away
  REQUIRE(run_ctl({"demo-load", "--config", (enrolled / "kiosk.toml").string(), "--count", "2"}).exit == 0);
  auto offline = run_ctl({"sync", "--config", (enrolled / "kiosk.toml").string(), "--once"});
  CHECK(offline.exit == 2);
  const json report = last_json(offline);
  CHECK(report["last_error"] == "unreachable");
  CHECK(report["pending"] == 2);
  CHECK(report["acked"] == 0);
  CHECK(port > 0);
}
