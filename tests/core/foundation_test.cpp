#include <catch2/catch.hpp>

#include <string>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/core/language.hpp"
#include "kiosk/core/logger.hpp"

using namespace kiosk;

namespace {
enum class DivErrc { ByZero };
Expected<int, DivErrc> divide(int a, int b) {
  if (b == 0) return fail(DivErrc::ByZero);
  return a / b;
}
}  // namespace

TEST_CASE("Expected carries either a value or an error code") {
  auto good = divide(7, 2);
  REQUIRE(good.has_value());
  CHECK(*good == 3);
  auto bad = divide(1, 0);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error() == DivErrc::ByZero);
}

TEST_CASE("language codes round-trip and unknown codes are refused") {
  CHECK(language_from_code("fr") == Language::French);
  CHECK(language_from_code("en") == Language::English);
  CHECK_FALSE(language_from_code("de").has_value());
  CHECK(language_code(Language::French) == "fr");
  constexpr Bilingual hello{"Hello", "Bonjour"};
  CHECK(hello.in(Language::French) == "Bonjour");
}

TEST_CASE("ManualClock gives calendar dates and moves only when told") {
  using namespace std::chrono;
  ManualClock clock(sys_days{year{2026} / 11 / 28} + hours{23});
  CHECK(clock.today() == year{2026} / 11 / 28);
  clock.advance(hours{2});
  CHECK(clock.today() == year{2026} / 11 / 29);
}

TEST_CASE("MemoryLogger keeps lines with their level and component") {
  MemoryLogger logger;
  logger.warn("store", "disk nearly full");
  auto lines = logger.lines();
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].level == LogLevel::Warning);
  CHECK(lines[0].component == "store");
  CHECK(to_string(LogLevel::Error) == "error");
}
