// kioskctl parse, run in-process with a fixed clock, and once as a real process reading stdin.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aamva_payload_builder.hpp"
#include "ctl_command.hpp"
#include "kiosk/core/identity/aamva_parser.hpp"
#include "parse_output.hpp"

using namespace kiosk;
using namespace kiosk::testing;

namespace {

const ManualClock kClock(std::chrono::sys_days{std::chrono::year{2026} / 11 / 28} + std::chrono::hours{12});

struct CtlRun {
  int exit;
  std::string out;
  nlohmann::json json() const { return nlohmann::json::parse(out); }
};

CtlRun kioskctl(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  MemoryLogger logger;
  ctl::CtlContext context{out, err, kClock, logger};
  const int exit = ctl::run_kioskctl(args, context);
  return {exit, out.str()};
}

// A file in a folder of its own, removed with it.
class TempFile {
 public:
  explicit TempFile(const std::string& contents)
      : dir_(std::filesystem::temp_directory_path() /
             ("kiosk-parse-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
    std::filesystem::create_directories(dir_);
    std::ofstream(path(), std::ios::binary) << contents;
  }
  ~TempFile() { std::filesystem::remove_all(dir_); }
  std::string path() const { return (dir_ / "payload.txt").string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
};

}  // namespace

TEST_CASE("kioskctl parse FILE prints the contract's document and exits 0") {
  const TempFile file(canadian_card().build());
  const auto run = kioskctl({"parse", file.path()});
  INFO(run.out);
  REQUIRE(run.exit == 0);
  CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 1);
  const auto json = run.json();
  CHECK(json["ok"] == true);
  const nlohmann::json expected = {
      {"issuer", "ON"},
      {"iin", "636012"},
      {"aamva_version", 9},
      {"kind", "DL"},
      {"country", "CAN"},
      {"family_name", "TREMBLAY"},
      {"given_names", "MARIE JOSEE"},
      {"date_of_birth", "1985-04-12"},
      {"expiry_date", "2030-04-12"},
      {"issue_date", "2025-04-12"},
      {"document_number_masked", "\u20265412"},
      {"expired", false},
      {"age", 41},
  };
  CHECK(json["document"] == expected);
  // The whole number appears nowhere in the output.
  CHECK(run.out.find("T7654-32109") == std::string::npos);
}

TEST_CASE("kioskctl parse leaves absent fields out rather than printing empty strings") {
  const TempFile file(
      canadian_card().remove("DAC").remove("DAD").set("DBD", "NONE").set("DBA", "00000000").build());
  const auto run = kioskctl({"parse", file.path()});
  REQUIRE(run.exit == 0);
  const auto document = run.json()["document"];
  CHECK_FALSE(document.contains("given_names"));
  CHECK_FALSE(document.contains("name_suffix"));
  CHECK_FALSE(document.contains("issue_date"));
  CHECK_FALSE(document.contains("expiry_date"));
  CHECK(document["expired"] == false);
  CHECK(document["family_name"] == "TREMBLAY");
}

TEST_CASE("kioskctl parse prints a name suffix apart from the given names") {
  const TempFile file(canadian_card().set("DCU", "JR").build());
  const auto run = kioskctl({"parse", file.path()});
  REQUIRE(run.exit == 0);
  const auto document = run.json()["document"];
  CHECK(document["name_suffix"] == "JR");
  CHECK(document["given_names"] == "MARIE JOSEE");
  CHECK(document["family_name"] == "TREMBLAY");
}

TEST_CASE("kioskctl parse prints US dates as ISO 8601 and reports an expired card") {
  const TempFile file(us_card().set("DBA", "07042025").build());
  const auto run = kioskctl({"parse", file.path()});
  REQUIRE(run.exit == 0);
  const auto document = run.json()["document"];
  CHECK(document["date_of_birth"] == "1990-07-04");
  CHECK(document["expiry_date"] == "2025-07-04");
  CHECK(document["expired"] == true);
  CHECK(document["country"] == "USA");
  CHECK(document["age"] == 36);
}

TEST_CASE("kioskctl parse refuses a bad payload with a code, English and French, exit 2") {
  const TempFile file(canadian_card().remove("DBB").build());
  const auto run = kioskctl({"parse", file.path()});
  CHECK(run.exit == 2);
  const auto json = run.json();
  CHECK(json["ok"] == false);
  CHECK(json["error"]["code"] == "missing-birth-date");
  CHECK(json["error"]["message"] == identity::message(identity::AamvaErrc::MissingBirthDate).en);
  CHECK(json["error"]["message_fr"] == identity::message(identity::AamvaErrc::MissingBirthDate).fr);
  CHECK_FALSE(json.contains("document"));
}

TEST_CASE("kioskctl parse reads no more of a huge file than it needs to call it oversized") {
  const TempFile file(std::string(3 << 20, '@'));
  const auto run = kioskctl({"parse", file.path()});
  CHECK(run.exit == 2);
  CHECK(run.json()["error"]["code"] == "oversized");
}

TEST_CASE("kioskctl parse reports a missing file and bad arguments with exit 2") {
  const auto missing = kioskctl({"parse", "/nonexistent/payload.txt"});
  CHECK(missing.exit == 2);
  CHECK(missing.json()["error"]["code"] == "unreadable");
  const auto two = kioskctl({"parse", "a", "b"});
  CHECK(two.exit == 2);
  CHECK(two.json()["error"]["code"] == "usage");
  const auto option = kioskctl({"parse", "--frobnicate"});
  CHECK(option.exit == 2);
  CHECK(option.json()["error"]["code"] == "usage");
}

TEST_CASE("print_parse_result prints one line per payload, as kioskctl scan calls it") {
  std::ostringstream out;
  std::ostringstream err;
  MemoryLogger logger;
  ctl::CtlContext context{out, err, kClock, logger};
  const auto good = canadian_card().bytes();
  const auto bad = as_bytes("https://example.com");
  CHECK(ctl::print_parse_result(context, good) == ExitCode::Ok);
  CHECK(ctl::print_parse_result(context, bad) == ExitCode::BadInput);
  std::istringstream lines(out.str());
  std::string first;
  std::string second;
  REQUIRE(std::getline(lines, first));
  REQUIRE(std::getline(lines, second));
  CHECK(nlohmann::json::parse(first)["document"]["issuer"] == "ON");
  CHECK(nlohmann::json::parse(second)["error"]["code"] == "not-aamva");
  CHECK(logger.lines().empty());  // nothing about the card is logged
}

TEST_CASE("the kioskctl program reads a payload from standard input with '-'") {
  const TempFile file(replace_all(us_card().build(), "\r", "\r\n"));
  const std::string command =
      std::string(KIOSK_BINARY_DIR) + "/kiosk/app/kioskctl parse - < '" + file.path() + "'";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  while (std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, got);
  const int status = ::pclose(pipe);
  INFO(out);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  const auto json = nlohmann::json::parse(out);
  CHECK(json["document"]["issuer"] == "NY");
  CHECK(json["document"]["family_name"] == "JOHNSON");
}
