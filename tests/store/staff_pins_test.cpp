#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/store/audit_log.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/staff_pins.hpp"
#include "kiosk/store/store_check.hpp"
#include "scratch_dir.hpp"

using namespace kiosk;
using namespace kiosk::store;
using namespace std::chrono_literals;
using staff::PinVerdictCode;
using staff::StaffRole;

namespace {

const std::chrono::system_clock::time_point kStart = *consent::parse_utc("2026-03-02T09:00:00.000Z");

SqliteDatabase open_db(const std::filesystem::path& file) {
  auto db = open_service_database(file);
  REQUIRE(db.has_value());
  return std::move(*db);
}

std::string file_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("the right PIN signs a staff member in with their role, and a wrong one does not") {
  ScratchDir dir;
  ManualClock clock(kStart);
  auto db = open_db(dir / "kiosk.db");
  StaffPins pins(db, clock);
  REQUIRE(pins.enroll("0042", StaffRole::Associate, "482913", "kioskctl").has_value());
  REQUIRE(pins.enroll("0107", StaffRole::Tech, "770315", "kioskctl").has_value());

  auto right = pins.verify("0042", "482913");
  REQUIRE(right.has_value());
  CHECK(right->code == PinVerdictCode::Accepted);
  CHECK(right->role == StaffRole::Associate);
  CHECK(pins.verify("0107", "770315")->role == StaffRole::Tech);

  auto wrong = pins.verify("0042", "770315");  // another member's PIN is still a wrong PIN
  REQUIRE(wrong.has_value());
  CHECK(wrong->code == PinVerdictCode::WrongPin);
  CHECK(wrong->attempts_left == 4);
  CHECK_FALSE(wrong->role.has_value());
  CHECK(pins.verify("0999", "482913")->code == PinVerdictCode::UnknownStaff);

  // A success clears the count of failures.
  REQUIRE(pins.verify("0042", "482913")->code == PinVerdictCode::Accepted);
  CHECK(pins.verify("0042", "000000")->attempts_left == 4);
}

TEST_CASE("a lockout survives closing and reopening the database, and ends when its time is up") {
  ScratchDir dir;
  ManualClock clock(kStart);
  {
    auto db = open_db(dir / "kiosk.db");
    StaffPins pins(db, clock);
    REQUIRE(pins.enroll("0042", StaffRole::Associate, "482913", "kioskctl").has_value());
    for (int i = 0; i < 4; ++i) REQUIRE(pins.verify("0042", "111111")->code == PinVerdictCode::WrongPin);
    auto fifth = pins.verify("0042", "111111");
    REQUIRE(fifth->code == PinVerdictCode::LockedOut);
    CHECK(fifth->locked_until == kStart + 60s);
  }
  clock.advance(30s);
  {
    auto db = open_db(dir / "kiosk.db");  // as after a restart
    StaffPins pins(db, clock);
    auto refused = pins.verify("0042", "482913");  // even the right PIN, while locked out
    REQUIRE(refused.has_value());
    CHECK(refused->code == PinVerdictCode::LockedOut);
    CHECK(refused->locked_until == kStart + 60s);
    auto listed = pins.members();
    REQUIRE(listed->size() == 1);
    CHECK(listed->at(0).attempts.locked_at(clock.now()));
  }
  clock.advance(31s);
  {
    auto db = open_db(dir / "kiosk.db");
    StaffPins pins(db, clock);
    // Five more failures lock out twice as long.
    for (int i = 0; i < 4; ++i) REQUIRE(pins.verify("0042", "111111")->code == PinVerdictCode::WrongPin);
    CHECK(pins.verify("0042", "111111")->locked_until == clock.now() + 120s);
    clock.advance(121s);
    CHECK(pins.verify("0042", "482913")->code == PinVerdictCode::Accepted);
  }
}

TEST_CASE("the database holds an Argon2id hash, never the PIN") {
  ScratchDir dir;
  ManualClock clock(kStart);
  const std::string pin = "908172";
  {
    auto db = open_db(dir / "kiosk.db");
    StaffPins pins(db, clock);
    REQUIRE(pins.enroll("0042", StaffRole::Tech, pin, "kioskctl").has_value());
    REQUIRE(pins.verify("0042", pin)->code == PinVerdictCode::Accepted);
    auto hash = db.query_text("SELECT pin_hash FROM staff");
    REQUIRE(hash.has_value());
    CHECK(hash->starts_with("$argon2id$"));
  }
  // Closed: the WAL is checkpointed into the file. Every file in the folder is scanned.
  std::size_t scanned = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    const std::string bytes = file_bytes(entry.path());
    scanned += bytes.size();
    CHECK(bytes.find(pin) == std::string::npos);
  }
  CHECK(scanned > 0);
}

TEST_CASE("every attempt, enrollment and removal is in the audit log under the staff id") {
  ScratchDir dir;
  ManualClock clock(kStart);
  auto db = open_db(dir / "kiosk.db");
  StaffPins pins(db, clock);
  REQUIRE(pins.enroll("0042", StaffRole::Associate, "482913", "kioskctl").has_value());
  REQUIRE(pins.verify("0042", "482913").has_value());
  for (int i = 0; i < 5; ++i) REQUIRE(pins.verify("0042", "000000").has_value());
  REQUIRE(pins.verify("0042", "482913").has_value());  // refused: locked out
  REQUIRE(pins.verify("0555", "482913").has_value());
  REQUIRE(pins.remove("0042", "kioskctl").value());
  CHECK_FALSE(pins.remove("0042", "kioskctl").value());

  auto rows = AuditLog(db).rows();
  REQUIRE(rows.has_value());
  std::vector<std::string> seen;
  for (const auto& row : *rows) seen.push_back(row.actor + " " + row.action);
  CHECK(seen == std::vector<std::string>{"kioskctl staff-enrolled", "0042 staff-login", "0042 failed-pin",
                                         "0042 failed-pin", "0042 failed-pin", "0042 failed-pin",
                                         "0042 staff-locked-out", "0042 staff-locked-out", "0555 failed-pin",
                                         "kioskctl staff-removed"});
  CHECK(rows->at(6).detail == "wrong PIN; locked out until 2026-03-02T09:01:00.000Z");
  auto report = check_store(db);
  REQUIRE(report.has_value());
  CHECK(report->ok());
}
