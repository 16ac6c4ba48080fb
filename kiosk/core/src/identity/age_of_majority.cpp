#include "kiosk/core/identity/age_of_majority.hpp"

#include <array>

#include "kiosk/core/identity/aamva_dates.hpp"

namespace kiosk::identity {

int age_of_majority(std::string_view issuer_code) {
  // Canadian provinces and territories at 19, and the US states where contracts need 19 or 21.
  static constexpr std::array<std::string_view, 7> nineteen_ca = {"BC", "NB", "NL", "NS", "NT", "NU", "YT"};
  static constexpr std::array<std::string_view, 2> nineteen_us = {"AL", "NE"};
  for (auto code : nineteen_ca) {
    if (code == issuer_code) return 19;
  }
  for (auto code : nineteen_us) {
    if (code == issuer_code) return 19;
  }
  if (issuer_code == "MS") return 21;
  return 18;
}

bool has_reached_majority(std::chrono::year_month_day birth, std::string_view issuer_code,
                          std::chrono::year_month_day today) {
  return age_on(birth, today) >= age_of_majority(issuer_code);
}

}  // namespace kiosk::identity
