#include <catch2/catch.hpp>

#include "kiosk/core/identity/aamva_dates.hpp"
#include "parse_helpers.hpp"

using namespace kiosk::identity;
using kiosk::testing::ymd;

TEST_CASE("AAMVA dates read in the card's order, else in the other") {
  CHECK(parse_aamva_date("19850412", DateOrder::YearFirst) == ymd(1985, 4, 12));
  CHECK(parse_aamva_date("04121985", DateOrder::MonthFirst) == ymd(1985, 4, 12));
  CHECK(parse_aamva_date("04121985", DateOrder::YearFirst) == ymd(1985, 4, 12));
  CHECK(parse_aamva_date("19850412", DateOrder::MonthFirst) == ymd(1985, 4, 12));
  CHECK(parse_aamva_date("20000229", DateOrder::YearFirst) == ymd(2000, 2, 29));
}

TEST_CASE("strings that are no date in either order are refused") {
  for (const char* text : {"19991399", "19990230", "02301999", "19000229", "1985041", "198504120", "1985-4-1",
                           "ABCDEFGH", "", "17991231", "22000101", "12311799"}) {
    INFO(text);
    CHECK_FALSE(parse_aamva_date(text, DateOrder::YearFirst).has_value());
    CHECK_FALSE(parse_aamva_date(text, DateOrder::MonthFirst).has_value());
  }
}

TEST_CASE("no eight digits are a date in both orders, so the fallback never misreads") {
  using namespace std::chrono;
  int checked = 0;
  for (sys_days day = sys_days{ymd(1800, 1, 1)}; day <= sys_days{ymd(2199, 12, 31)}; day += days{1}) {
    const year_month_day date{day};
    const std::string year_first =
        kiosk::testing::year_first(int(date.year()), int(unsigned(date.month())), int(unsigned(date.day())));
    const std::string month_first =
        kiosk::testing::month_first(int(date.year()), int(unsigned(date.month())), int(unsigned(date.day())));
    if (parse_aamva_date(year_first, DateOrder::MonthFirst) != date ||
        parse_aamva_date(month_first, DateOrder::YearFirst) != date) {
      FAIL("misread " << year_first);
    }
    ++checked;
  }
  CHECK(checked == 146097);  // 400 years of the Gregorian calendar
}

TEST_CASE("age_on counts whole years and birthdays from their day") {
  CHECK(age_on(ymd(1985, 4, 12), ymd(2026, 4, 11)) == 40);
  CHECK(age_on(ymd(1985, 4, 12), ymd(2026, 4, 12)) == 41);
  CHECK(age_on(ymd(2004, 2, 29), ymd(2023, 2, 28)) == 18);
  CHECK(age_on(ymd(2004, 2, 29), ymd(2023, 3, 1)) == 19);
  CHECK(age_on(ymd(2026, 11, 28), ymd(2026, 11, 28)) == 0);
}

TEST_CASE("dates print as ISO 8601") {
  CHECK(iso_date(ymd(1985, 4, 2)) == "1985-04-02");
  CHECK(iso_date(ymd(2030, 12, 31)) == "2030-12-31");
  CHECK(iso_date(ymd(1800, 1, 1)) == "1800-01-01");
}

TEST_CASE("the date order follows the country") {
  CHECK(date_order_for_country("USA") == DateOrder::MonthFirst);
  CHECK(date_order_for_country("CAN") == DateOrder::YearFirst);
}
