#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "aamva_payload.hpp"
#include "child_process.hpp"
#include "ctl_runner.hpp"
#include "privacy_scan.hpp"
#include "scratch_dir.hpp"

using namespace std::chrono;

namespace {

const std::vector<kiosk::consent::ClientIdentity> kCrashPeople = {
    {"ON", "K1111-22222-33333", "KILLINGSWORTH", "ABEL", "1970-01-15"},
    {"QC", "M2222-150275-04", "MORTIMERSON", "BEATRIX", "1975-02-15"},
    {"BC", "8812345", "NAKAMURAWSKI", "CORNELIUS", "1988-12-31"},
    {"AB", "123456-789", "OKONKWOVICH", "DESDEMONA", "1999-06-30"},
};

std::filesystem::path write_payloads(const ScratchDir& dir) {
  const auto folder = dir / "payloads";
  std::filesystem::create_directories(folder);
  for (std::size_t i = 0; i < kCrashPeople.size(); ++i) {
    std::ofstream(folder / ("card-" + std::to_string(i) + ".txt")) << make_aamva_payload(kCrashPeople[i]);
  }
  return folder;
}

std::set<std::string> ledger_ids(const std::string& db) {
  auto run = run_ctl({"ledger", "--db", db});
  REQUIRE(run.exit == 0);
  std::set<std::string> ids;
  for (const auto& line : run.lines()) ids.insert(nlohmann::json::parse(line)["id"].get<std::string>());
  return ids;
}

}  // namespace

TEST_CASE("crash: demo-load killed with SIGKILL at random points, 30 times, and every printed id survives") {
  ScratchDir dir("kiosk-crash");
  const auto payloads = write_payloads(dir);
  const std::string db = (dir / "kiosk" / "kiosk.db").string();
  std::filesystem::create_directories(dir / "kiosk");
  std::mt19937 random(20261128);
  std::set<std::string> printed;

  for (int run = 0; run < 30; ++run) {
    ChildProcess child({kioskctl_binary(), "demo-load", "--db", db, "--count", "100000", "--payloads",
                        payloads.string(), "--seed", std::to_string(run)},
                       (dir / "stderr.log").string());
    // Half the runs die at a random time (start-up, key files, migration, hashing, commits);
    // the others after a random number of commits, give or take a few microseconds, so kills
    // land inside transactions and between commit and print.
    const bool by_time = run % 2 == 0;
    const auto kill_at = steady_clock::now() + milliseconds{random() % 400};
    const auto commits_before_kill = 1 + random() % 25;
    std::size_t seen = 0;
    while (by_time ? steady_clock::now() < kill_at : seen < commits_before_kill) {
      const auto wait =
          by_time ? duration_cast<milliseconds>(kill_at - steady_clock::now()) : milliseconds{10000};
      auto line = child.read_line(std::max(wait, milliseconds{1}));
      if (!line) {
        if (!by_time) {
          std::ifstream errors(dir / "stderr.log");
          FAIL("demo-load stopped printing before the kill (run "
               << run << ", status " << child.wait()
               << "): " << std::string(std::istreambuf_iterator<char>(errors), {}));
        }
        continue;
      }
      if (line->starts_with("committed ")) {
        printed.insert(line->substr(10));
        ++seen;
      }
    }
    if (!by_time) std::this_thread::sleep_for(microseconds{random() % 3000});
    child.kill_hard();
    const int status = child.wait();
    for (const auto& line : child.remaining_lines()) {
      if (line.starts_with("committed ")) printed.insert(line.substr(10));
    }
    INFO("run " << run);
    // It must have died by our hand, not given up on the database a previous kill left.
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);
  }

  // A last run opens what the kills left and carries on to the end.
  ChildProcess last(
      {kioskctl_binary(), "demo-load", "--db", db, "--count", "3", "--payloads", payloads.string()});
  for (const auto& line : last.remaining_lines()) {
    if (line.starts_with("committed ")) printed.insert(line.substr(10));
  }
  const int last_status = last.wait();
  REQUIRE(WIFEXITED(last_status));
  CHECK(WEXITSTATUS(last_status) == 0);

  auto verify = run_ctl({"verify", "--db", db});
  INFO(verify.out);
  CHECK(verify.exit == 0);
  const auto stored = ledger_ids(db);
  CHECK(printed.size() > 30);
  std::vector<std::string> lost;
  for (const auto& id : printed) {
    if (!stored.contains(id)) lost.push_back(id);
  }
  CHECK(lost.empty());
  // The printed ids are only those whose commit returned: the ledger may hold a few more (the
  // kill fell between commit and print), never fewer.
  CHECK(stored.size() >= printed.size());

  // Canary on everything the killed processes left behind: database, WAL, keys, output.
  const auto leaks = find_identity_leaks(dir / "kiosk", kCrashPeople);
  CHECK(leaks.empty());
}

TEST_CASE("canary: nothing kioskctl writes (files, output, errors) names the client") {
  ScratchDir dir("kiosk-canary");
  const auto payloads = write_payloads(dir);
  const auto kiosk_dir = dir / "kiosk";
  std::filesystem::create_directories(kiosk_dir);
  const std::string db = (kiosk_dir / "kiosk.db").string();
  {
    ChildProcess child(
        {kioskctl_binary(), "demo-load", "--db", db, "--count", "12", "--payloads", payloads.string()},
        (kiosk_dir / "demo-load.stderr").string());
    std::ofstream out(kiosk_dir / "demo-load.stdout");
    for (const auto& line : child.remaining_lines()) out << line << "\n";
    REQUIRE(WIFEXITED(child.wait()));
  }
  for (const char* command : {"ledger", "verify"}) {
    auto run = run_ctl({command, "--db", db});
    REQUIRE(run.exit == 0);
    std::ofstream(kiosk_dir / (std::string(command) + ".stdout")) << run.out;
  }
  REQUIRE(std::filesystem::file_size(kiosk_dir / "ledger.stdout") > 0);
  const auto leaks = find_identity_leaks(kiosk_dir, kCrashPeople);
  for (const auto& leak : leaks) UNSCOPED_INFO(leak);
  CHECK(leaks.empty());
  // The payloads themselves hold the identities: the scan would see them if they were copied.
  CHECK_FALSE(find_identity_leaks(payloads, kCrashPeople).empty());
}
