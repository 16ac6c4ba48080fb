// kioskctl staff add, list and remove on a real database file.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "ctl_runner.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/staff_pins.hpp"
#include "scratch_dir.hpp"

using nlohmann::json;

namespace {

json last_json(const CtlResult& run) {
  REQUIRE_FALSE(run.lines().empty());
  return json::parse(run.lines().back());
}

}  // namespace

TEST_CASE("staff add reads the PIN from stdin, refuses a weak one, and the kiosk then accepts it") {
  ScratchDir dir;
  const std::string db = (dir / "kiosk.db").string();
  auto short_pin = run_ctl({"staff", "add", "--db", db, "--id", "0042", "--role", "associate"}, "12345\n");
  CHECK(short_pin.exit == 2);
  CHECK(last_json(short_pin)["error"]["code"] == "pin-too-short");
  auto letters = run_ctl({"staff", "add", "--db", db, "--id", "0042", "--role", "associate"}, "12345a\n");
  CHECK(last_json(letters)["error"]["code"] == "pin-not-digits");
  auto bad_role = run_ctl({"staff", "add", "--db", db, "--id", "0042", "--role", "boss"}, "482913\n");
  CHECK(last_json(bad_role)["error"]["code"] == "role");

  auto added = run_ctl({"staff", "add", "--db", db, "--id", "0042", "--role", "associate"}, "482913\n");
  REQUIRE(added.exit == 0);
  auto tech = run_ctl({"staff", "add", "--db", db, "--id", "0107", "--role", "tech"}, "770315\r\n");
  REQUIRE(tech.exit == 0);

  kiosk::SystemClock clock;
  auto opened = kiosk::store::open_service_database(db);
  REQUIRE(opened.has_value());
  kiosk::store::StaffPins pins(*opened, clock);
  CHECK(pins.verify("0042", "482913")->code == kiosk::staff::PinVerdictCode::Accepted);
  CHECK(pins.verify("0107", "770315")->role == kiosk::staff::StaffRole::Tech);
  for (int i = 0; i < 5; ++i) REQUIRE(pins.verify("0107", "000000").has_value());

  auto listed = run_ctl({"staff", "list", "--db", db});
  REQUIRE(listed.exit == 0);
  const json staff = last_json(listed)["staff"];
  REQUIRE(staff.size() == 2);
  CHECK(staff[0]["id"] == "0042");
  CHECK(staff[0]["role"] == "associate");
  CHECK(staff[0]["locked"] == false);
  CHECK(staff[1]["locked"] == true);
  CHECK(listed.out.find("argon2") == std::string::npos);
  CHECK(listed.out.find("482913") == std::string::npos);

  REQUIRE(run_ctl({"staff", "remove", "--db", db, "--id", "0042"}).exit == 0);
  CHECK(last_json(run_ctl({"staff", "remove", "--db", db, "--id", "0042"}))["error"]["code"] ==
        "unknown-staff");
  CHECK(last_json(run_ctl({"staff", "list", "--db", db}))["staff"].size() == 1);
  CHECK(pins.verify("0042", "482913")->code == kiosk::staff::PinVerdictCode::UnknownStaff);
}

TEST_CASE("staff list on a missing database says so and creates nothing") {
  ScratchDir dir;
  auto listed = run_ctl({"staff", "list", "--db", (dir / "none.db").string()});
  CHECK(listed.exit == 2);
  CHECK(last_json(listed)["error"]["code"] == "store-not-found");
  CHECK_FALSE(std::filesystem::exists(dir / "none.db"));
}
