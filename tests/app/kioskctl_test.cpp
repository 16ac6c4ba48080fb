#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "kioskctl_run.hpp"

using namespace kiosk;
using testing::kioskctl;

TEST_CASE("kioskctl --help lists every command and exits 0") {
  auto run = kioskctl({"--help"});
  CHECK(run.exit == 0);
  for (const auto& command : ctl::ctl_commands()) {
    CHECK(run.out.find(std::string(command.name)) != std::string::npos);
  }
}

TEST_CASE("kioskctl with an unknown command prints a JSON error and exits 2") {
  auto run = kioskctl({"frobnicate"});
  CHECK(run.exit == 2);
  auto json = nlohmann::json::parse(run.out);
  CHECK(json["ok"] == false);
  CHECK(json["error"]["code"] == "unknown-command");
}

TEST_CASE("kioskctl config-check reports a bad config file with exit 2") {
  auto run = kioskctl({"config-check", "--config", "/nonexistent/kiosk.toml"});
  CHECK(run.exit == 2);
  auto json = nlohmann::json::parse(run.out);
  CHECK(json["error"]["code"] == "config-unreadable");
  auto good = kioskctl({"config-check"});
  CHECK(good.exit == 0);
  CHECK(nlohmann::json::parse(good.out)["kiosk_id"] == "demo-kiosk-01");
}

TEST_CASE("kioskctl selftest needs the kiosk's config") {
  auto run = kioskctl({"selftest"});
  CHECK(run.exit == 2);
  CHECK(nlohmann::json::parse(run.out)["error"]["code"] == "usage");
  auto missing = kioskctl({"selftest", "--config", "/nonexistent/kiosk.toml", "--json"});
  CHECK(missing.exit == 2);
  const auto json = nlohmann::json::parse(missing.out);
  CHECK(json["ok"] == false);
  CHECK(json["checks"][0]["name"] == "config");
  CHECK(json["checks"][0]["status"] == "failed");
}

TEST_CASE("kioskctl --version prints the project's version as JSON") {
  auto run = kioskctl({"--version"});
  CHECK(run.exit == 0);
  auto json = nlohmann::json::parse(run.out);
  CHECK(json["program"] == "kioskctl");
  CHECK(json["version"] == KIOSK_VERSION);
}
