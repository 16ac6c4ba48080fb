// What the parser refuses, with which code, and that refusing never leaks who the card is for.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "parse_helpers.hpp"

using namespace kiosk;
using namespace kiosk::identity;
using namespace kiosk::testing;

TEST_CASE("an empty scan is refused as empty") {
  CHECK(outcome(parse(std::string())) == "empty");
}

TEST_CASE("barcodes that are not AAMVA are refused as not-aamva") {
  for (const char* payload :
       {"https://example.com/p/12345?utm=kiosk", "0123456789012", "HELLO",
        "@\n\x1e\rHELLO WORLD THIS IS NOT A LICENCE\r", "ANSI 12", "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@"}) {
    INFO(payload);
    CHECK(outcome(parse(std::string(payload))) == "not-aamva");
  }
  std::mt19937 random(20261128);
  for (int i = 0; i < 200; ++i) {
    std::string noise(64 + i * 7, '\0');
    for (auto& c : noise) c = static_cast<char>(random() & 0xFF);
    const auto result = parse(noise);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == AamvaErrc::NotAamva);
  }
}

TEST_CASE("a payload beyond the size limit is refused before it is read") {
  auto card = canadian_card();
  const std::size_t clean = card.build().size();
  card.suffix = "\r" + std::string(kMaxAamvaPayloadBytes - clean - 1, ' ');
  REQUIRE(card.build().size() == kMaxAamvaPayloadBytes);
  CHECK(outcome(parse(card)) == "accepted");
  card.suffix += ' ';
  CHECK(outcome(parse(card)) == "oversized");
  CHECK(outcome(parse(std::string(1 << 20, 'A'))) == "oversized");
}

TEST_CASE("a payload cut inside its header or right after it is truncated") {
  const std::string payload = canadian_card().build();
  const std::size_t table_end = payload.find("DLDCA");
  for (std::size_t cut = 1; cut <= table_end + 2; ++cut) {
    INFO("cut at " << cut);
    CHECK(outcome(parse(payload.substr(0, cut))) == "truncated");
  }
}

TEST_CASE("cutting a payload anywhere never yields a document with a wrong identity") {
  // Whatever a scanner loses, the result is a refusal or the same holder: never a shortened
  // name, number or date.
  for (auto card : {canadian_card(), us_card(), version_3_card(), version_1_card()}) {
    card.add_subfile("ZO", {{"ZOA", "TAIL"}});
    const std::string payload = card.build();
    const auto full = parse(payload);
    REQUIRE(outcome(full) == "accepted");
    int refused = 0;
    for (std::size_t cut = 0; cut < payload.size(); ++cut) {
      const auto doc = parse(payload.substr(0, cut));
      if (!doc) {
        ++refused;
        continue;
      }
      INFO("cut at " << cut << " of " << payload.size());
      CHECK(doc->family_name == full->family_name);
      CHECK(doc->given_names == full->given_names);
      CHECK(doc->document_number == full->document_number);
      CHECK(doc->date_of_birth == full->date_of_birth);
    }
    CHECK(refused > static_cast<int>(payload.size()) / 2);
  }
}

TEST_CASE("a payload cut inside the DL subfile is truncated, not missing a field") {
  const std::string payload = canadian_card().build();
  CHECK(outcome(parse(payload.substr(0, payload.find("DBB") + 5))) == "truncated");
  CHECK(outcome(parse(payload.substr(0, payload.find("DAQ") + 6))) == "truncated");
  CHECK(outcome(parse(payload.substr(0, payload.find("DCS") + 4))) == "truncated");
}

TEST_CASE("a card with no document number is refused") {
  CHECK(outcome(parse(canadian_card().remove("DAQ"))) == "missing-document-number");
  CHECK(outcome(parse(canadian_card().set("DAQ", "NONE"))) == "missing-document-number");
  CHECK(outcome(parse(canadian_card().set("DAQ", "0000000"))) == "missing-document-number");
  CHECK(outcome(parse(canadian_card().set("DAQ", "   "))) == "missing-document-number");
}

TEST_CASE("a card with no family name is refused") {
  CHECK(outcome(parse(canadian_card().remove("DCS"))) == "missing-family-name");
  CHECK(outcome(parse(canadian_card().set("DCS", "NONE"))) == "missing-family-name");
  CHECK(outcome(parse(canadian_card().set("DCS", ","))) == "missing-family-name");
  CHECK(outcome(parse(version_1_card().set("DAA", ",MARIE"))) == "missing-family-name");
}

TEST_CASE("a card with no birth date is refused") {
  auto renamed = canadian_card();
  renamed.identity().rename("DBB", "XBB");
  CHECK(outcome(parse(renamed)) == "missing-birth-date");
  CHECK(outcome(parse(canadian_card().remove("DBB"))) == "missing-birth-date");
  CHECK(outcome(parse(canadian_card().set("DBB", "00000000"))) == "missing-birth-date");
}

TEST_CASE("a date that is no date in either order is refused as impossible") {
  CHECK(outcome(parse(canadian_card().set("DBB", "19991399"))) == "impossible-date");
  CHECK(outcome(parse(canadian_card().set("DBB", "19850230"))) == "impossible-date");
  CHECK(outcome(parse(canadian_card().set("DBB", "1985-04-12"))) == "impossible-date");
  CHECK(outcome(parse(canadian_card().set("DBA", "20301340"))) == "impossible-date");
  CHECK(outcome(parse(us_card().set("DBD", "13132020"))) == "impossible-date");
}

TEST_CASE("a birth date in the future or more than 120 years ago is refused") {
  CHECK(outcome(parse(canadian_card().set("DBB", "20261129"))) == "birth-date-in-future");
  CHECK(outcome(parse(canadian_card().set("DBB", "20280102"))) == "birth-date-in-future");
  CHECK(outcome(parse(canadian_card().set("DBB", "19061128"))) == "accepted");
  CHECK(parse(canadian_card().set("DBB", "19061128"))->age == 120);
  CHECK(outcome(parse(canadian_card().set("DBB", "19061127"))) == "birth-date-too-old");
  CHECK(outcome(parse(canadian_card().set("DBB", "18500101"))) == "birth-date-too-old");
}

TEST_CASE("NUL or control bytes inside a field the kiosk uses are refused") {
  const std::string nul(1, '\0');
  CHECK(outcome(parse(canadian_card().set("DAQ", nul + nul + nul))) == "control-characters");
  CHECK(outcome(parse(canadian_card().set("DAQ", "T7654" + nul + "32109"))) == "control-characters");
  CHECK(outcome(parse(canadian_card().set("DCS",
                                          "TREM\x07"
                                          "BLAY"))) == "control-characters");
  CHECK(outcome(parse(canadian_card().set("DAC", "MARIE\x7F"))) == "control-characters");
  CHECK(outcome(parse(canadian_card().set("DBB", "1985" + nul + "412"))) == "control-characters");
  CHECK(outcome(parse(canadian_card().set("DCS", "TREMBLAY\xC2\x85"))) == "control-characters");
  CHECK(outcome(parse(canadian_card().set("DCS", "TREMBLAY\x81"))) == "control-characters");
  // A CR inside the number, in a payload that separates with LF: not read as the subfile's end.
  CHECK(outcome(parse(canadian_card().set("DAQ", "T7654\r32109"))) == "control-characters");
  // In a field the kiosk ignores, a control byte does no harm.
  CHECK(outcome(parse(canadian_card().set("DAG", "100 QUEEN" + nul + "ST"))) == "accepted");
}

TEST_CASE("a wedge that dropped every separator is refused, not guessed at") {
  auto card = canadian_card();
  card.header_separators = "";
  card.element_separator = "";
  card.segment_terminator = "";
  CHECK(outcome(parse(card)) == "missing-separators");
}

TEST_CASE("an AAMVA header with no DL or ID subfile behind it") {
  AamvaPayloadBuilder card;
  card.add_subfile("ZO", {{"ZOA", "ONLY JURISDICTION DATA"}, {"ZOB", "MORE DATA HERE"}});
  CHECK(outcome(parse(card)) == "no-identity-subfile");
}

TEST_CASE("every error code has a stable name and a message in English and French") {
  std::set<std::string_view> names;
  std::set<std::string_view> english;
  std::set<std::string_view> french;
  for (int i = 0; i <= static_cast<int>(AamvaErrc::DamagedBarcode); ++i) {
    const auto code = static_cast<AamvaErrc>(i);
    const std::string_view name = to_string(code);
    INFO(name);
    CHECK(names.insert(name).second);
    CHECK(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string_view::npos);
    const Bilingual text = message(code);
    CHECK(english.insert(text.en).second);
    CHECK(french.insert(text.fr).second);
    CHECK(text.en != text.fr);
    // Each tells the client what to do next.
    CHECK((text.en.find("Please") != std::string_view::npos));
    CHECK((text.fr.find("Veuillez") != std::string_view::npos));
  }
  CHECK(to_string(AamvaErrc::NotAamva) == "not-aamva");
  CHECK(to_string(AamvaErrc::Truncated) == "truncated");
}

TEST_CASE("error details never carry the holder's name, number or birth date") {
  const std::string nul(1, '\0');
  const AamvaPayloadBuilder rejected[] = {
      canadian_card().set("DBB", "20280102"),
      canadian_card().set("DBB", "18500412"),
      canadian_card().set("DBB", "19851399"),
      canadian_card().set("DAQ", "T7654" + nul),
      canadian_card().set("DCS", "TREMBLAY" + nul),
      canadian_card().set("DCG", "USA"),
      canadian_card().remove("DAQ"),
      canadian_card("999999", "XX"),
  };
  for (const auto& card : rejected) {
    const auto result = parse(card);
    REQUIRE_FALSE(result.has_value());
    const std::string& detail = result.error().detail;
    INFO(detail);
    CHECK_FALSE(detail.empty());
    for (const char* secret : {"TREMBLAY", "MARIE", "T7654", "85412", "1985", "2028", "1850"}) {
      CHECK(detail.find(secret) == std::string::npos);
    }
  }
}
