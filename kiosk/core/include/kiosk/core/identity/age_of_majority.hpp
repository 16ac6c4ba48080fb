#pragma once
// Who may hold a telecom account: contracts bind only adults, and "adult" is provincial law
// (18 in AB, MB, ON, PE, QC, SK; 19 in BC, NB, NL, NS, NT, NU, YT) or state law in the US.

#include <chrono>
#include <string_view>

namespace kiosk::identity {

int age_of_majority(std::string_view issuer_code);

// Whether the holder born on `birth` is an adult on `today` where `issuer_code` issued the card.
// Adult from the birthday itself; a 29 February birthday is reached on 1 March in a common year,
// the later of the two readings, so nobody is let in a day early.
bool has_reached_majority(std::chrono::year_month_day birth, std::string_view issuer_code,
                          std::chrono::year_month_day today);

}  // namespace kiosk::identity
