#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "aamva_payload.hpp"
#include "ctl_runner.hpp"
#include "demo_identities.hpp"
#include "kiosk/store/sqlite_database.hpp"
#include "scratch_dir.hpp"

using nlohmann::json;

namespace {

std::vector<json> ledger_lines(const std::string& db) {
  auto run = run_ctl({"ledger", "--db", db});
  REQUIRE(run.exit == 0);
  std::vector<json> lines;
  for (const auto& line : run.lines()) lines.push_back(json::parse(line));
  return lines;
}

void write_payloads(const std::filesystem::path& folder,
                    const std::vector<kiosk::consent::ClientIdentity>& people) {
  std::filesystem::create_directories(folder);
  int n = 0;
  for (const auto& person : people)
    std::ofstream(folder / ("card-" + std::to_string(n++) + ".txt")) << make_aamva_payload(person);
  std::ofstream(folder / "card-0.expected.json") << "{}";  // beside payloads in real fixtures: skipped
}

const std::vector<kiosk::consent::ClientIdentity> kPeople = {
    {"ON", "S1234-56789-01234", "SAMPLEPERSON", "ALEX JORDAN", "1980-02-29"},
    {"QC", "L5555-010190-09", "LAVOIE", "MARIE", "1990-01-01"},
};

}  // namespace

TEST_CASE("demo-load prints one committed line per record, ledger lists them, verify passes") {
  ScratchDir dir;
  const std::string db = (dir / "kiosk.db").string();
  auto run = run_ctl({"demo-load", "--db", db, "--count", "12", "--seed", "7"});
  REQUIRE(run.exit == 0);
  const auto ids = committed_ids(run);
  REQUIRE(ids.size() == 12);
  CHECK(json::parse(run.lines().back())["committed"] == 12);

  const auto lines = ledger_lines(db);
  REQUIRE(lines.size() == 12);
  std::set<std::string> listed;
  for (const auto& line : lines) {
    listed.insert(line["id"].get<std::string>());
    CHECK(line.contains("time"));
    CHECK(line.contains("kind"));
    CHECK(line["policy_version"].get<std::string>().size() == 64);
    CHECK(line["decisions"].is_array());
    CHECK_FALSE(line.contains("client"));
    CHECK_FALSE(line.contains("client_key"));
  }
  CHECK(listed == std::set<std::string>(ids.begin(), ids.end()));

  auto verify = run_ctl({"verify", "--db", db});
  INFO(verify.out);
  CHECK(verify.exit == 0);
  auto report = json::parse(verify.out);
  CHECK(report["ok"] == true);
  CHECK(report["ledger"]["rows"] == 12);
  CHECK(report["outbox"]["pending"] == 12);
}

TEST_CASE("demo-load takes identities from AAMVA payload files, cycled") {
  ScratchDir dir;
  write_payloads(dir / "payloads", kPeople);
  const std::string db = (dir / "kiosk.db").string();
  auto run = run_ctl({"demo-load", "--db", db, "--count", "5", "--payloads", (dir / "payloads").string()});
  REQUIRE(run.exit == 0);
  CHECK(committed_ids(run).size() == 5);

  std::ofstream(dir / "payloads" / "junk.txt") << "not a licence";
  auto empty = ScratchDir();
  auto none = run_ctl({"demo-load", "--db", db, "--count", "1", "--payloads", empty.path().string()});
  CHECK(none.exit == 2);
  CHECK(json::parse(none.out)["error"]["code"] == "payloads");
}

TEST_CASE("demo-load --config resolves a relative database against the config file's folder") {
  ScratchDir dir;
  std::filesystem::create_directories(dir / "etc");
  std::ofstream(dir / "etc" / "kiosk.toml")
      << "[kiosk]\nid = \"store-12-kiosk-2\"\n"
         "[storage]\ndatabase = \"../data/kiosk.db\"\nretention_days = 365\n";
  std::filesystem::create_directories(dir / "data");
  auto run = run_ctl({"demo-load", "--config", (dir / "etc" / "kiosk.toml").string(), "--count", "2"});
  INFO(run.out);
  REQUIRE(run.exit == 0);
  CHECK(std::filesystem::exists(dir / "data" / "kiosk.db"));
  CHECK(ledger_lines((dir / "data" / "kiosk.db").string()).size() == 2);
}

TEST_CASE("the store commands refuse bad input with exit 2 and a JSON error") {
  ScratchDir dir;
  const std::string db = (dir / "kiosk.db").string();
  CHECK(run_ctl({"demo-load", "--db", db}).exit == 2);
  CHECK(run_ctl({"demo-load", "--db", db, "--config", "x.toml", "--count", "1"}).exit == 2);
  CHECK(run_ctl({"demo-load", "--db", db, "--count", "many"}).exit == 2);
  auto missing = run_ctl({"verify", "--db", (dir / "absent.db").string()});
  CHECK(missing.exit == 2);
  CHECK(json::parse(missing.out)["error"]["code"] == "store-not-found");
  CHECK(run_ctl({"ledger", "--db", (dir / "absent.db").string()}).exit == 2);

  std::ofstream(dir / "garbage.db") << std::string(4096, 'g');
  auto garbage = run_ctl({"verify", "--db", (dir / "garbage.db").string()});
  CHECK(garbage.exit == 2);
  CHECK(json::parse(garbage.out)["error"]["code"] == "store-corrupt");
}

TEST_CASE("verify exits 2 and says what is wrong when the ledger was altered") {
  ScratchDir dir;
  const std::string db = (dir / "kiosk.db").string();
  REQUIRE(run_ctl({"demo-load", "--db", db, "--count", "4"}).exit == 0);
  {
    auto opened = kiosk::store::SqliteDatabase::open(db, {});
    REQUIRE(opened.has_value());
    REQUIRE(
        opened->exec("UPDATE ledger SET body = replace(body, '\"time\":\"2', '\"time\":\"1') WHERE seq = 2")
            .has_value());
    REQUIRE(opened->changes() == 1);
  }
  auto verify = run_ctl({"verify", "--db", db});
  CHECK(verify.exit == 2);
  auto report = json::parse(verify.out);
  CHECK(report["ok"] == false);
  CHECK(report["ledger"]["ok"] == false);
  CHECK(report["ledger"]["problems"][0].get<std::string>().find("ledger row 2") != std::string::npos);
}
