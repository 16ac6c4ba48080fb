// kioskctl scanner: the field tech's check of the USB HID-POS scanner. (The source itself is
// tested against emulated scanners in tests/drivers/scanner.)
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/app/kiosk_config.hpp"
#include "kioskctl_run.hpp"
#include "scratch_dir.hpp"

using namespace kiosk;
using testing::json_lines;

TEST_CASE("kioskctl scanner with no scanner connected says so plainly and exits 2") {
  // A VID:PID nothing has, so a scanner plugged into a developer's machine changes nothing.
  ScratchDir dir("kiosk-scanner-command");
  std::string config(embedded_demo_config());
  const std::string section = "[scanner]\n";
  REQUIRE(config.find(section) != std::string::npos);
  config.replace(config.find(section), section.size(),
                 section + "usb_vendor_id = 0xffff\nusb_product_id = 0xffff\n");
  std::ofstream(dir / "kiosk.toml") << config;
  const auto run =
      testing::kioskctl({"scanner", "--config", (dir / "kiosk.toml").string(), "--seconds", "1"});
  CHECK(run.exit == 2);
  const auto lines = json_lines(run.out);
  REQUIRE(lines.size() >= 2);
  const auto& status = lines.front();
  CHECK(status["event"] == "scanner");
  CHECK(status["source"] == "usb-hid-pos");
  CHECK(status["state"] == "waiting");
  CHECK(status["text"] == "no scanner connected — waiting");
  CHECK(status["text_fr"] == "aucun lecteur branché — en attente");
  const auto& error = lines.back();
  CHECK(error["ok"] == false);
  CHECK(error["error"]["code"] == "no-scan");
  CHECK(error["error"]["message"] == "no scan within 1 s; scanner: no scanner connected — waiting");
}

TEST_CASE("kioskctl scanner refuses bad arguments with exit 2") {
  for (const auto& args : std::vector<std::vector<std::string>>{{"scanner", "--seconds", "0"},
                                                                {"scanner", "--count", "many"},
                                                                {"scanner", "--config", "/nonexistent.toml"},
                                                                {"scanner", "--colour", "red"}}) {
    const auto run = testing::kioskctl(args);
    CHECK(run.exit == 2);
    const auto lines = json_lines(run.out);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["ok"] == false);
  }
}
