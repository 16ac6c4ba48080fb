#include <catch2/catch.hpp>

#include <set>

#include "kiosk/core/identity/iin_table.hpp"
#include "parse_helpers.hpp"

using namespace kiosk;
using namespace kiosk::identity;
using namespace kiosk::testing;

TEST_CASE("every Canadian province and territory has its IIN") {
  const std::pair<const char*, const char*> canada[] = {
      {"604432", "AB"}, {"636028", "BC"}, {"636048", "MB"}, {"636017", "NB"}, {"636016", "NL"},
      {"636013", "NS"}, {"604434", "NT"}, {"604433", "NU"}, {"636012", "ON"}, {"604426", "PE"},
      {"604428", "QC"}, {"636044", "SK"}, {"604429", "YT"}};
  for (const auto& [iin, code] : canada) {
    INFO(iin);
    const auto issuer = issuer_by_iin(iin);
    REQUIRE(issuer.has_value());
    CHECK(issuer->code == code);
    CHECK(issuer->country == "CAN");
  }
  CHECK(issuer_by_iin("990876")->code == "AB");  // Alberta's pre-ISO number on older cards
}

TEST_CASE("every US state, the District of Columbia and the territories are in the table") {
  const std::set<std::string_view> expected = {
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
      "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
      "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
      "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI"};
  std::set<std::string_view> found;
  for (const auto& issuer : all_issuers()) {
    if (issuer.country == "USA") found.insert(issuer.code);
  }
  CHECK(found == expected);
  CHECK(issuer_by_iin("636001")->code == "NY");
  CHECK(issuer_by_iin("636014")->code == "CA");
  CHECK(issuer_by_iin("636015")->code == "TX");
  CHECK(issuer_by_iin("636010")->code == "FL");
  CHECK(issuer_by_iin("636045")->code == "WA");
  CHECK(issuer_by_iin("636032")->code == "MI");
  CHECK(issuer_by_iin("636043")->code == "DC");
  CHECK(issuer_by_iin("604431")->code == "PR");
}

TEST_CASE("IINs are unique and every issuer is found by its jurisdiction code") {
  std::set<std::string_view> iins;
  for (const auto& issuer : all_issuers()) {
    INFO(issuer.iin);
    CHECK(iins.insert(issuer.iin).second);
    CHECK(issuer.iin.size() == 6);
    REQUIRE(issuer_by_code(issuer.code).has_value());
    CHECK(issuer_by_code(issuer.code)->country == issuer.country);
  }
  CHECK_FALSE(issuer_by_iin("999999").has_value());
  CHECK_FALSE(issuer_by_code("XX").has_value());
}

TEST_CASE("DCG country codes: CAN and CDN are Canada, USA is the United States") {
  CHECK(country_from_dcg("CAN") == "CAN");
  CHECK(country_from_dcg("CDN") == "CAN");
  CHECK(country_from_dcg("USA") == "USA");
  CHECK(country_from_dcg("MEX").empty());
}

TEST_CASE("a card of every issuer in the table parses to that issuer and country") {
  for (const auto& issuer : all_issuers()) {
    INFO(issuer.name);
    auto card = issuer.country == "CAN" ? canadian_card(std::string(issuer.iin), std::string(issuer.code))
                                        : us_card(std::string(issuer.iin), std::string(issuer.code));
    const auto doc = parse(card);
    REQUIRE(outcome(doc) == "accepted");
    CHECK(doc->issuer == issuer.code);
    CHECK(doc->country == issuer.country);
    CHECK(doc->iin == issuer.iin);
    CHECK(doc->date_of_birth == (issuer.country == "CAN" ? ymd(1985, 4, 12) : ymd(1990, 7, 4)));
  }
}

TEST_CASE("the issuer comes from the IIN, cross-checked with DCG and DAJ") {
  SECTION("CDN is accepted for a Canadian IIN") {
    CHECK(parse(canadian_card().set("DCG", "CDN"))->country == "CAN");
  }
  SECTION("an address in another province of the same country keeps the IIN's issuer") {
    CHECK(parse(canadian_card().set("DAJ", "QC"))->issuer == "ON");
  }
  SECTION("an IIN missing from the table is placed by DAJ") {
    auto card = canadian_card("636099", "MB");
    const auto doc = parse(card);
    REQUIRE(outcome(doc) == "accepted");
    CHECK(doc->issuer == "MB");
    CHECK(doc->country == "CAN");
    CHECK(doc->iin == "636099");
  }
  SECTION("DCG naming another country than the IIN is refused") {
    CHECK(outcome(parse(canadian_card().set("DCG", "USA"))) == "issuer-mismatch");
    CHECK(outcome(parse(us_card().set("DCG", "CAN"))) == "issuer-mismatch");
  }
  SECTION("DAJ of another country than the IIN is refused") {
    CHECK(outcome(parse(canadian_card().set("DAJ", "NY"))) == "issuer-mismatch");
  }
  SECTION("neither a known IIN nor a known DAJ: unknown issuer") {
    CHECK(outcome(parse(canadian_card("999999", "XX"))) == "unknown-issuer");
    CHECK(outcome(parse(canadian_card("999999", "ON").remove("DAJ"))) == "unknown-issuer");
  }
}
