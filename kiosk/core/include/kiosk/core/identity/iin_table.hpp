#pragma once
// Issuer identification numbers (IIN) of every Canadian province and territory and every US
// state, the District of Columbia and the US territories, as AAMVA assigns them.

#include <optional>
#include <span>
#include <string_view>

namespace kiosk::identity {

struct Issuer {
  std::string_view iin;      // "636012"
  std::string_view code;     // jurisdiction code as on the card's DAJ: "ON"
  std::string_view country;  // "CAN" or "USA"
  std::string_view name;     // "Ontario"
};

std::span<const Issuer> all_issuers();
std::optional<Issuer> issuer_by_iin(std::string_view iin);
// By the two-letter jurisdiction code; codes are unique across both countries.
std::optional<Issuer> issuer_by_code(std::string_view code);
// "CAN" for DCG "CAN" or "CDN", "USA" for "USA" or "US"; empty for anything else.
std::string_view country_from_dcg(std::string_view dcg);

}  // namespace kiosk::identity
