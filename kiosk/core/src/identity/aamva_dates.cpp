#include "kiosk/core/identity/aamva_dates.hpp"

#include <algorithm>

namespace kiosk::identity {

namespace {

using namespace std::chrono;

constexpr int kEarliestYear = 1800;
constexpr int kLatestYear = 2199;

int digits_value(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

std::optional<year_month_day> read_in_order(std::string_view digits, DateOrder order) {
  const bool year_first = order == DateOrder::YearFirst;
  const int y = digits_value(digits.substr(year_first ? 0 : 4, 4));
  const int m = digits_value(digits.substr(year_first ? 4 : 0, 2));
  const int d = digits_value(digits.substr(year_first ? 6 : 2, 2));
  if (y < kEarliestYear || y > kLatestYear) return std::nullopt;
  const year_month_day date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace

DateOrder date_order_for_country(std::string_view country) {
  return country == "USA" ? DateOrder::MonthFirst : DateOrder::YearFirst;
}

std::optional<year_month_day> parse_aamva_date(std::string_view digits, DateOrder preferred) {
  if (digits.size() != 8) return std::nullopt;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  if (auto date = read_in_order(digits, preferred)) return date;
  const DateOrder other = preferred == DateOrder::YearFirst ? DateOrder::MonthFirst : DateOrder::YearFirst;
  return read_in_order(digits, other);
}

int age_on(year_month_day birth, year_month_day today) {
  int age = static_cast<int>(today.year()) - static_cast<int>(birth.year());
  if (month_day{today.month(), today.day()} < month_day{birth.month(), birth.day()}) --age;
  return age;
}

std::string iso_date(year_month_day date) {
  const int y = static_cast<int>(date.year());
  const unsigned m = static_cast<unsigned>(date.month());
  const unsigned d = static_cast<unsigned>(date.day());
  std::string text = std::to_string(y);
  text.insert(0, text.size() < 4 ? 4 - text.size() : 0, '0');
  text += m < 10 ? "-0" : "-";
  text += std::to_string(m);
  text += d < 10 ? "-0" : "-";
  text += std::to_string(d);
  return text;
}

}  // namespace kiosk::identity
