#pragma once
// AAMVA dates: CCYYMMDD on Canadian cards, MMDDCCYY on US cards, and some cards use the other
// country's order. Years are held to 1800-2199, which makes the two orders never both valid
// (a CCYYMMDD year of 18xx-21xx cannot be a month), so falling back to the other order is safe.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::identity {

enum class DateOrder {
  YearFirst,   // CCYYMMDD
  MonthFirst,  // MMDDCCYY
};

DateOrder date_order_for_country(std::string_view country);

// Eight digits read in the preferred order, else in the other; nullopt if neither is a date.
std::optional<std::chrono::year_month_day> parse_aamva_date(std::string_view digits, DateOrder preferred);

// Whole years from `birth` to `today`; the birthday counts from its day (29 February from
// 1 March in other years).
int age_on(std::chrono::year_month_day birth, std::chrono::year_month_day today);

// "YYYY-MM-DD".
std::string iso_date(std::chrono::year_month_day date);

}  // namespace kiosk::identity
