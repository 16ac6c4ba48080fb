// Cards as the standard describes them, version by version, and how their fields are read.
#include <catch2/catch.hpp>

#include "parse_helpers.hpp"

using namespace kiosk;
using namespace kiosk::testing;

TEST_CASE("a version 09 Ontario licence gives every field of the contract") {
  const auto doc = parse(canadian_card());
  REQUIRE(outcome(doc) == "accepted");
  CHECK(doc->issuer == "ON");
  CHECK(doc->iin == "636012");
  CHECK(doc->kind == "DL");
  CHECK(doc->country == "CAN");
  CHECK(doc->aamva_version == 9);
  CHECK(doc->jurisdiction_version == 1);
  CHECK(doc->family_name == "TREMBLAY");
  CHECK(doc->given_names == "MARIE JOSEE");
  CHECK(doc->document_number == "T7654-32109-85412");
  CHECK(doc->document_number_masked() == "\u20265412");
  CHECK(doc->date_of_birth == ymd(1985, 4, 12));
  CHECK(doc->expiry_date == ymd(2030, 4, 12));
  CHECK(doc->issue_date == ymd(2025, 4, 12));
  CHECK(doc->age == 41);
  CHECK_FALSE(doc->expired);
  CHECK_FALSE(doc->family_name_truncated);
  CHECK_FALSE(doc->given_names_truncated);
  CHECK(doc->jurisdiction_elements.empty());
}

TEST_CASE("a version 10 New York licence reads its MMDDCCYY dates") {
  const auto doc = parse(us_card());
  REQUIRE(outcome(doc) == "accepted");
  CHECK(doc->issuer == "NY");
  CHECK(doc->country == "USA");
  CHECK(doc->aamva_version == 10);
  CHECK(doc->family_name == "JOHNSON");
  CHECK(doc->given_names == "ROBERT LEE");
  CHECK(doc->date_of_birth == ymd(1990, 7, 4));
  CHECK(doc->expiry_date == ymd(2031, 7, 4));
  CHECK(doc->issue_date == ymd(2023, 7, 4));
  CHECK(doc->age == 36);
}

TEST_CASE("every AAMVA version from 00 to 10, and later ones, is read") {
  for (int version = 0; version <= 13; ++version) {
    auto card = canadian_card("636012", "ON", version);
    if (version <= 1) card.jurisdiction_version.reset();
    INFO("version " << version);
    const auto doc = parse(card);
    REQUIRE(outcome(doc) == "accepted");
    CHECK(doc->aamva_version == version);
    CHECK(doc->jurisdiction_version.has_value() == (version > 1));
    CHECK(doc->family_name == "TREMBLAY");
  }
}

TEST_CASE("a version 01 card: no jurisdiction version, the whole name in DAA") {
  const auto doc = parse(version_1_card());
  REQUIRE(outcome(doc) == "accepted");
  CHECK(doc->aamva_version == 1);
  CHECK_FALSE(doc->jurisdiction_version.has_value());
  CHECK(doc->family_name == "TREMBLAY");
  CHECK(doc->given_names == "MARIE JOSEE");
  CHECK(doc->date_of_birth == ymd(1985, 4, 12));
  CHECK(doc->document_number == "T7654-32109-85412");
}

TEST_CASE("DAA full names: FAMILY,GIVEN,MIDDLE and the shapes real cards use") {
  struct Case {
    const char* daa;
    const char* family;
    const char* given;
  };
  const Case cases[] = {
      {"TREMBLAY,MARIE,JOSEE", "TREMBLAY", "MARIE JOSEE"},
      {"TREMBLAY,MARIE", "TREMBLAY", "MARIE"},
      {"TREMBLAY,MARIE JOSEE", "TREMBLAY", "MARIE JOSEE"},
      {"TREMBLAY,MARIE,JOSEE,", "TREMBLAY", "MARIE JOSEE"},
      {"TREMBLAY,,JOSEE", "TREMBLAY", "JOSEE"},
      {"TREMBLAY,MARIE,NONE", "TREMBLAY", "MARIE"},
      {"TREMBLAY", "TREMBLAY", ""},
  };
  for (const auto& c : cases) {
    INFO(c.daa);
    const auto doc = parse(version_1_card().set("DAA", c.daa));
    REQUIRE(outcome(doc) == "accepted");
    CHECK(doc->family_name == c.family);
    CHECK(doc->given_names == c.given);
  }
}

TEST_CASE("version 01 cards that split the name into DAB, DAC and DAD") {
  auto card = version_1_card();
  card.remove("DAA").set("DAB", "GAGNON").set("DAC", "LUC").set("DAD", "ANDRE");
  const auto doc = parse(card);
  REQUIRE(outcome(doc) == "accepted");
  CHECK(doc->family_name == "GAGNON");
  CHECK(doc->given_names == "LUC ANDRE");
}

TEST_CASE("version 02-03 cards: DCT holds the given names, comma-separated") {
  const auto doc = parse(version_3_card());
  REQUIRE(outcome(doc) == "accepted");
  CHECK(doc->aamva_version == 3);
  CHECK(doc->family_name == "TREMBLAY");
  CHECK(doc->given_names == "MARIE JOSEE");

  CHECK(parse(version_3_card().set("DCT", "LUC,"))->given_names == "LUC");
  CHECK(parse(version_3_card().set("DCT", "LUC ANDRE"))->given_names == "LUC ANDRE");
  CHECK(parse(version_3_card().set("DCT", "LUC,NONE"))->given_names == "LUC");
}

TEST_CASE("given names join first and middle names with exactly one space") {
  CHECK(parse(canadian_card().set("DAC", "JEAN  PAUL").set("DAD", " ANDRE  "))->given_names ==
        "JEAN PAUL ANDRE");
  CHECK(parse(canadian_card().set("DAD", ""))->given_names == "MARIE");
  CHECK(parse(canadian_card().remove("DAD"))->given_names == "MARIE");
  CHECK(parse(canadian_card().remove("DAC"))->given_names == "JOSEE");
  CHECK(parse(canadian_card().remove("DAC").remove("DAD"))->given_names.empty());
}

TEST_CASE("an identification card subfile gives kind ID") {
  auto card = canadian_card("604428", "QC", 10);
  card.identity().type = "ID";
  const auto doc = parse(card);
  REQUIRE(outcome(doc) == "accepted");
  CHECK(doc->kind == "ID");
  CHECK(doc->issuer == "QC");
}

TEST_CASE("Z subfiles are kept apart and never stand in for the holder's fields") {
  auto card = canadian_card();
  card.add_subfile("ZO", {{"ZOA", "SOMETHING"}, {"ZOB", "12345"}, {"ZOZ", "NONE"}});
  const auto doc = parse(card);
  REQUIRE(outcome(doc) == "accepted");
  REQUIRE(doc->jurisdiction_elements.size() == 2);  // the placeholder is left out
  CHECK(doc->jurisdiction_elements[0].subfile == "ZO");
  CHECK(doc->jurisdiction_elements[0].id == "ZOA");
  CHECK(doc->jurisdiction_elements[0].value == "SOMETHING");
  CHECK(doc->jurisdiction_elements[1].value == "12345");

  // Standard element ids inside a Z subfile do not reach the document.
  auto spoof = canadian_card().remove("DAQ");
  spoof.add_subfile("ZO", {{"ZOA", "X"}, {"DAQ", "FAKE1234"}, {"DCS", "FAKE"}});
  CHECK(outcome(parse(spoof)) == "missing-document-number");
}

TEST_CASE("a Z subfile placed before the DL subfile") {
  AamvaPayloadBuilder card;
  card.add_subfile("ZN", {{"ZNA", "FIRST"}});
  for (auto& subfile : canadian_card("636017", "NB").subfiles) card.subfiles.push_back(subfile);
  card.iin = "636017";
  const auto doc = parse(card);
  REQUIRE(outcome(doc) == "accepted");
  CHECK(doc->issuer == "NB");
  CHECK(doc->family_name == "TREMBLAY");
  REQUIRE(doc->jurisdiction_elements.size() == 1);
  CHECK(doc->jurisdiction_elements[0].value == "FIRST");
}

TEST_CASE("unknown elements are ignored, and the first of a repeated element wins") {
  auto card = canadian_card();
  card.set("DZZ", "WHATEVER").set("XYZ", "123").set("DAW", "180");
  card.identity().fields.push_back({"DAQ", "LATER9999"});
  card.identity().fields.push_back({"DCS", "LATER"});
  const auto doc = parse(card);
  REQUIRE(outcome(doc) == "accepted");
  CHECK(doc->document_number == "T7654-32109-85412");
  CHECK(doc->family_name == "TREMBLAY");
}

TEST_CASE("truncation flags DDE, DDF and DDG say which printed names were cut") {
  const auto family = parse(canadian_card().set("DDE", "T"));
  CHECK(family->family_name_truncated);
  CHECK_FALSE(family->given_names_truncated);
  CHECK(parse(canadian_card().set("DDF", "T"))->given_names_truncated);
  CHECK(parse(canadian_card().set("DDG", "T"))->given_names_truncated);
  CHECK_FALSE(parse(canadian_card().set("DDE", "U"))->family_name_truncated);
}

TEST_CASE("placeholders NONE, unavl and all zeros mean the field is absent") {
  CHECK(parse(canadian_card().set("DAD", "NONE"))->given_names == "MARIE");
  CHECK(parse(canadian_card().set("DAD", "unavl"))->given_names == "MARIE");
  CHECK(parse(canadian_card().set("DAD", "UNAVL"))->given_names == "MARIE");
  const auto no_issue = parse(canadian_card().set("DBD", "00000000"));
  REQUIRE(outcome(no_issue) == "accepted");
  CHECK_FALSE(no_issue->issue_date.has_value());
  const auto no_expiry = parse(canadian_card().set("DBA", "NONE"));
  REQUIRE(outcome(no_expiry) == "accepted");
  CHECK_FALSE(no_expiry->expiry_date.has_value());
  CHECK_FALSE(no_expiry->expired);
}

TEST_CASE("padding and trailing commas are trimmed from every field") {
  const auto doc = parse(canadian_card()
                             .set("DCS", "TREMBLAY,        ")
                             .set("DAC", "MARIE    ")
                             .set("DAQ", "T7654-32109-85412   ")
                             .set("DBB", "19850412  "));
  REQUIRE(outcome(doc) == "accepted");
  CHECK(doc->family_name == "TREMBLAY");
  CHECK(doc->given_names == "MARIE JOSEE");
  CHECK(doc->document_number == "T7654-32109-85412");
  CHECK(doc->date_of_birth == ymd(1985, 4, 12));
}

TEST_CASE("Latin-1 and UTF-8 names both come out as UTF-8") {
  const auto latin1 =
      parse(canadian_card("604428", "QC").set("DAC", "GENEVI\xC8VE").set("DCS", "B\xC9LANGER"));
  REQUIRE(outcome(latin1) == "accepted");
  CHECK(latin1->given_names == "GENEVI\u00C8VE JOSEE");
  CHECK(latin1->family_name == "B\u00C9LANGER");
  const auto utf8 = parse(canadian_card("604428", "QC").set("DAC", "GENEVI\u00C8VE").set("DAD", "NONE"));
  CHECK(utf8->given_names == "GENEVI\u00C8VE");
  // Decomposed (E + combining grave) becomes the single letter a screen font can draw.
  const auto decomposed =
      parse(canadian_card("604428", "QC").set("DAC", "GENEVIE\xCC\x80VE").set("DAD", "NONE"));
  CHECK(decomposed->given_names == "GENEVI\u00C8VE");
  // Windows-1252's apostrophe in a Latin-1 name.
  CHECK(parse(canadian_card().set("DCS", "O\x92NEIL"))->family_name == "O\u2019NEIL");
}

TEST_CASE("Canadian cards write CCYYMMDD, US cards MMDDCCYY, and either may use the other") {
  const auto canadian_us_order = parse(canadian_card()
                                           .set("DBB", month_first(1985, 4, 12))
                                           .set("DBA", month_first(2030, 4, 12))
                                           .set("DBD", month_first(2025, 4, 12)));
  REQUIRE(outcome(canadian_us_order) == "accepted");
  CHECK(canadian_us_order->date_of_birth == ymd(1985, 4, 12));
  CHECK(canadian_us_order->expiry_date == ymd(2030, 4, 12));
  CHECK(canadian_us_order->issue_date == ymd(2025, 4, 12));

  const auto us_canadian_order =
      parse(us_card().set("DBB", year_first(1990, 7, 4)).set("DBA", year_first(2031, 7, 4)));
  REQUIRE(outcome(us_canadian_order) == "accepted");
  CHECK(us_canadian_order->date_of_birth == ymd(1990, 7, 4));
  CHECK(us_canadian_order->expiry_date == ymd(2031, 7, 4));

  // 03/04 is 3 April in a US card's own order, never read as 4 March.
  CHECK(parse(us_card().set("DBB", "03041990"))->date_of_birth == ymd(1990, 3, 4));
  CHECK(parse(canadian_card().set("DBB", "19900304"))->date_of_birth == ymd(1990, 3, 4));
}

TEST_CASE("an expired card parses with expired set, and a card is good through its expiry day") {
  const auto expired = parse(canadian_card().set("DBA", "20261127"));
  REQUIRE(outcome(expired) == "accepted");
  CHECK(expired->expired);
  CHECK_FALSE(parse(canadian_card().set("DBA", "20261128"))->expired);
  CHECK_FALSE(parse(canadian_card().set("DBA", "20261129"))->expired);
  CHECK(parse(us_card().set("DBA", "01012020"))->expired);
}

TEST_CASE("age counts whole years up to today, birthdays included") {
  CHECK(parse(canadian_card().set("DBB", "20081128"))->age == 18);
  CHECK(parse(canadian_card().set("DBB", "20081129"))->age == 17);
  CHECK(parse(canadian_card().set("DBB", "20261128"))->age == 0);
  // Born on 29 February: a year older from 1 March in common years.
  CHECK(parse(canadian_card().set("DBB", "20040229"), ymd(2025, 2, 28))->age == 20);
  CHECK(parse(canadian_card().set("DBB", "20040229"), ymd(2025, 3, 1))->age == 21);
  CHECK(parse(canadian_card().set("DBB", "20040229"), ymd(2028, 2, 29))->age == 24);
}
