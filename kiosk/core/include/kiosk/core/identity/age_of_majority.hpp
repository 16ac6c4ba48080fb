#pragma once
// Who may hold a telecom account: contracts bind only adults, and "adult" is provincial law
// (18 in AB, MB, ON, PE, QC, SK; 19 in BC, NB, NL, NS, NT, NU, YT) or state law in the US.

#include <string_view>

namespace kiosk::identity {

int age_of_majority(std::string_view issuer_code);

}  // namespace kiosk::identity
