#include <catch2/catch.hpp>

#include <chrono>

#include "kiosk/core/identity/age_of_majority.hpp"

using kiosk::identity::age_of_majority;
using kiosk::identity::has_reached_majority;

namespace {
constexpr std::chrono::year_month_day ymd(int y, unsigned m, unsigned d) {
  return {std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
}  // namespace

TEST_CASE("the age of majority follows the province or state that issued the card") {
  for (const char* code : {"BC", "NB", "NL", "NS", "NT", "NU", "YT", "AL", "NE"}) {
    INFO(code);
    CHECK(age_of_majority(code) == 19);
  }
  for (const char* code : {"AB", "MB", "ON", "PE", "QC", "SK", "NY", "CA"}) {
    INFO(code);
    CHECK(age_of_majority(code) == 18);
  }
  CHECK(age_of_majority("MS") == 21);
}

TEST_CASE("a holder is an adult on the birthday itself and a minor the day before") {
  CHECK(has_reached_majority(ymd(2008, 11, 28), "ON", ymd(2026, 11, 28)));
  CHECK_FALSE(has_reached_majority(ymd(2008, 11, 28), "ON", ymd(2026, 11, 27)));
  CHECK(has_reached_majority(ymd(2007, 1, 1), "BC", ymd(2026, 1, 1)));
  CHECK_FALSE(has_reached_majority(ymd(2007, 1, 1), "BC", ymd(2025, 12, 31)));
}

TEST_CASE("an 18-year-old is a minor in British Columbia and an adult in Quebec") {
  const auto birth = ymd(2008, 6, 15);
  const auto today = ymd(2026, 11, 28);
  CHECK_FALSE(has_reached_majority(birth, "BC", today));
  CHECK(has_reached_majority(birth, "QC", today));
}

TEST_CASE("a 20-year-old is still a minor in Mississippi") {
  CHECK_FALSE(has_reached_majority(ymd(2006, 1, 1), "MS", ymd(2026, 11, 28)));
  CHECK(has_reached_majority(ymd(2005, 1, 1), "MS", ymd(2026, 11, 28)));
}

TEST_CASE("a 29 February birthday is reached on 1 March in a common year") {
  const auto birth = ymd(2008, 2, 29);
  CHECK_FALSE(has_reached_majority(birth, "ON", ymd(2026, 2, 28)));
  CHECK(has_reached_majority(birth, "ON", ymd(2026, 3, 1)));
}

TEST_CASE("a 29 February birthday at 19 and 21 is also reached on 1 March, not 28 February") {
  // 18, 19 and 21 are not multiples of four: the birthday of majority never falls in a leap year.
  const auto birth = ymd(2004, 2, 29);
  CHECK_FALSE(has_reached_majority(birth, "BC", ymd(2023, 2, 28)));
  CHECK(has_reached_majority(birth, "BC", ymd(2023, 3, 1)));
  CHECK_FALSE(has_reached_majority(birth, "MS", ymd(2025, 2, 28)));
  CHECK(has_reached_majority(birth, "MS", ymd(2025, 3, 1)));
}
