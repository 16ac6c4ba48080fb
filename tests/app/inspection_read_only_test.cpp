// The inspection commands read a kiosk's database without writing to it or leaving a file beside
// it (no -wal, -shm or -journal): a tech may run them on a kiosk's data partition at any time.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>

#include "ctl_runner.hpp"
#include "scratch_dir.hpp"

namespace fs = std::filesystem;

namespace {

std::set<std::string> listing(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("verify and ledger open the database read-only and leave no file behind") {
  ScratchDir dir;
  const fs::path db = dir / "kiosk.db";
  REQUIRE(run_ctl({"demo-load", "--db", db.string(), "--count", "3"}).exit == 0);
  const auto before = listing(dir.path());
  REQUIRE(before.count("kiosk.db") == 1);
  REQUIRE(before.count("kiosk.db-wal") == 0);
  const std::string bytes = file_bytes(db);
  const auto modified = fs::last_write_time(db);

  auto verified = run_ctl({"verify", "--db", db.string()});
  INFO(verified.out);
  CHECK(verified.exit == 0);
  CHECK(nlohmann::json::parse(verified.lines().back())["ledger"]["rows"] == 3);
  CHECK(listing(dir.path()) == before);

  auto ledger = run_ctl({"ledger", "--db", db.string()});
  CHECK(ledger.exit == 0);
  CHECK(ledger.lines().size() == 3);
  CHECK(listing(dir.path()) == before);

  CHECK(file_bytes(db) == bytes);
  CHECK(fs::last_write_time(db) == modified);
}

TEST_CASE("verify on a database that is not there creates nothing") {
  ScratchDir dir;
  auto run = run_ctl({"verify", "--db", (dir / "absent.db").string()});
  CHECK(run.exit == 2);
  CHECK(listing(dir.path()).empty());
}
