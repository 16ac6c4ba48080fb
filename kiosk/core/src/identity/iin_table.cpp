#include "kiosk/core/identity/iin_table.hpp"

#include <algorithm>

namespace kiosk::identity {

namespace {

// From AAMVA's published IIN list. Alberta's older cards carry a pre-ISO number (990876).
constexpr Issuer kIssuers[] = {
    // Canada: every province and territory.
    {"604432", "AB", "CAN", "Alberta"},
    {"990876", "AB", "CAN", "Alberta"},
    {"636028", "BC", "CAN", "British Columbia"},
    {"636048", "MB", "CAN", "Manitoba"},
    {"636017", "NB", "CAN", "New Brunswick"},
    {"636016", "NL", "CAN", "Newfoundland and Labrador"},
    {"636013", "NS", "CAN", "Nova Scotia"},
    {"604434", "NT", "CAN", "Northwest Territories"},
    {"604433", "NU", "CAN", "Nunavut"},
    {"636012", "ON", "CAN", "Ontario"},
    {"604426", "PE", "CAN", "Prince Edward Island"},
    {"604428", "QC", "CAN", "Quebec"},
    {"636044", "SK", "CAN", "Saskatchewan"},
    {"604429", "YT", "CAN", "Yukon"},
    // United States: every state, the District of Columbia and the territories.
    {"636033", "AL", "USA", "Alabama"},
    {"636059", "AK", "USA", "Alaska"},
    {"636026", "AZ", "USA", "Arizona"},
    {"636021", "AR", "USA", "Arkansas"},
    {"636014", "CA", "USA", "California"},
    {"636020", "CO", "USA", "Colorado"},
    {"636006", "CT", "USA", "Connecticut"},
    {"636011", "DE", "USA", "Delaware"},
    {"636043", "DC", "USA", "District of Columbia"},
    {"636010", "FL", "USA", "Florida"},
    {"636055", "GA", "USA", "Georgia"},
    {"636047", "HI", "USA", "Hawaii"},
    {"636050", "ID", "USA", "Idaho"},
    {"636035", "IL", "USA", "Illinois"},
    {"636037", "IN", "USA", "Indiana"},
    {"636018", "IA", "USA", "Iowa"},
    {"636022", "KS", "USA", "Kansas"},
    {"636046", "KY", "USA", "Kentucky"},
    {"636007", "LA", "USA", "Louisiana"},
    {"636041", "ME", "USA", "Maine"},
    {"636003", "MD", "USA", "Maryland"},
    {"636002", "MA", "USA", "Massachusetts"},
    {"636032", "MI", "USA", "Michigan"},
    {"636038", "MN", "USA", "Minnesota"},
    {"636051", "MS", "USA", "Mississippi"},
    {"636030", "MO", "USA", "Missouri"},
    {"636008", "MT", "USA", "Montana"},
    {"636054", "NE", "USA", "Nebraska"},
    {"636049", "NV", "USA", "Nevada"},
    {"636039", "NH", "USA", "New Hampshire"},
    {"636036", "NJ", "USA", "New Jersey"},
    {"636009", "NM", "USA", "New Mexico"},
    {"636001", "NY", "USA", "New York"},
    {"636004", "NC", "USA", "North Carolina"},
    {"636034", "ND", "USA", "North Dakota"},
    {"636023", "OH", "USA", "Ohio"},
    {"636058", "OK", "USA", "Oklahoma"},
    {"636029", "OR", "USA", "Oregon"},
    {"636025", "PA", "USA", "Pennsylvania"},
    {"636052", "RI", "USA", "Rhode Island"},
    {"636005", "SC", "USA", "South Carolina"},
    {"636042", "SD", "USA", "South Dakota"},
    {"636053", "TN", "USA", "Tennessee"},
    {"636015", "TX", "USA", "Texas"},
    {"636040", "UT", "USA", "Utah"},
    {"636024", "VT", "USA", "Vermont"},
    {"636000", "VA", "USA", "Virginia"},
    {"636045", "WA", "USA", "Washington"},
    {"636061", "WV", "USA", "West Virginia"},
    {"636031", "WI", "USA", "Wisconsin"},
    {"636060", "WY", "USA", "Wyoming"},
    {"604427", "AS", "USA", "American Samoa"},
    {"636019", "GU", "USA", "Guam"},
    {"604430", "MP", "USA", "Northern Mariana Islands"},
    {"604431", "PR", "USA", "Puerto Rico"},
    {"636062", "VI", "USA", "US Virgin Islands"},
};

template <class Matches>
std::optional<Issuer> find_issuer(Matches matches) {
  const auto* found = std::find_if(std::begin(kIssuers), std::end(kIssuers), matches);
  if (found == std::end(kIssuers)) return std::nullopt;
  return *found;
}

}  // namespace

std::span<const Issuer> all_issuers() {
  return kIssuers;
}

std::optional<Issuer> issuer_by_iin(std::string_view iin) {
  return find_issuer([iin](const Issuer& issuer) { return issuer.iin == iin; });
}

std::optional<Issuer> issuer_by_code(std::string_view code) {
  return find_issuer([code](const Issuer& issuer) { return issuer.code == code; });
}

std::string_view country_from_dcg(std::string_view dcg) {
  if (dcg == "CAN" || dcg == "CDN") return "CAN";
  if (dcg == "USA" || dcg == "US") return "USA";
  return {};
}

}  // namespace kiosk::identity
