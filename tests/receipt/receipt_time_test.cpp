#include <catch2/catch.hpp>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/receipt/receipt.hpp"
#include "kiosk/receipt/receipt_time.hpp"
#include "receipt_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::receipt;

namespace {

std::chrono::system_clock::time_point at(const char* utc) {
  return *consent::parse_utc(utc);
}

}  // namespace

TEST_CASE("A receipt's time is the store's wall clock, with the zone's abbreviation and offset") {
  // Toronto is on EST (UTC-5) in November and on EDT (UTC-4) in July.
  CHECK(format_local_time(at("2026-11-28T18:40:48.123Z"), "America/Toronto") ==
        "2026-11-28 13:40:48 EST (UTC-05:00)");
  CHECK(format_local_time(at("2026-07-01T16:00:00.000Z"), "America/Toronto") ==
        "2026-07-01 12:00:00 EDT (UTC-04:00)");
  // Newfoundland is half an hour off the others.
  CHECK(format_local_time(at("2026-11-28T18:40:48.000Z"), "America/St_Johns") ==
        "2026-11-28 15:10:48 NST (UTC-03:30)");
  // The day changes with the zone, not with UTC.
  CHECK(format_local_time(at("2026-03-01T03:30:00.000Z"), "America/Vancouver") ==
        "2026-02-28 19:30:00 PST (UTC-08:00)");
}

TEST_CASE("Daylight saving starts between two receipts a minute apart") {
  // 2026-03-08 at 02:00 EST the clocks in Montréal go to 03:00 EDT (07:00 UTC).
  CHECK(format_local_time(at("2026-03-08T06:59:30.000Z"), "America/Montreal") ==
        "2026-03-08 01:59:30 EST (UTC-05:00)");
  CHECK(format_local_time(at("2026-03-08T07:00:30.000Z"), "America/Montreal") ==
        "2026-03-08 03:00:30 EDT (UTC-04:00)");
}

TEST_CASE("An unknown zone prints UTC, which is still the truth") {
  CHECK(format_local_time(at("2026-11-28T18:40:48.999Z"), "UTC") == "2026-11-28 18:40:48 UTC");
  CHECK(format_local_time(at("2026-11-28T18:40:48.999Z"), "Mars/Olympus_Mons") == "2026-11-28 18:40:48 UTC");
  CHECK(format_local_time(at("2026-11-28T18:40:48.999Z"), "") == "2026-11-28 18:40:48 UTC");
}

TEST_CASE("Only zones the system's tzdata holds are accepted") {
  CHECK(is_known_time_zone("UTC"));
  CHECK(is_known_time_zone("America/Toronto"));
  CHECK(is_known_time_zone("America/Halifax"));
  CHECK_FALSE(is_known_time_zone("Mars/Olympus_Mons"));
  CHECK_FALSE(is_known_time_zone(""));
  CHECK_FALSE(is_known_time_zone("../../etc/passwd"));
}

TEST_CASE("A Montréal receipt prints local time in both languages and says which zone") {
  const std::string en =
      receipt_text(receipt_fixtures::receipt(Language::English, true, "America/Montreal"), Language::English);
  CHECK(en.find("Date: 2026-11-28 13:40:48 EST (UTC-05:00)") != std::string::npos);
  CHECK(en.find("Time zone: America/Montreal") != std::string::npos);
  const std::string fr =
      receipt_text(receipt_fixtures::receipt(Language::French, true, "America/Montreal"), Language::French);
  CHECK(fr.find("Date\u00a0: 2026-11-28 13:40:48 EST (UTC-05:00)") != std::string::npos);
  CHECK(fr.find("Fuseau horaire\u00a0: America/Montreal") != std::string::npos);
  // The signed code keeps UTC: the same instant in any zone signs the same.
  CHECK(en.find("18:40:48") == std::string::npos);
}
