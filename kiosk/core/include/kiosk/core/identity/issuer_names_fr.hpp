#pragma once
// French names of card issuers, for the French screens. Kept beside, not inside, the IIN table:
// the table follows AAMVA's list, the names (in assets/strings) follow the Office québécois de
// la langue française.

#include <optional>
#include <string_view>

namespace kiosk::identity {

// The French name where it differs from the English one; empty when the English name is used.
std::optional<std::string_view> issuer_name_fr(std::string_view issuer_code);

}  // namespace kiosk::identity
