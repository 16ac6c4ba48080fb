// The kinds of payload that real cards and scanners produce beyond what the standard allows, one
// class per TEST_CASE, each generated over several card versions, names and amounts: a fix must
// hold for the class, not for one sample of it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "parse_helpers.hpp"

using namespace kiosk;
using namespace kiosk::testing;

namespace {

// The four shapes of identity subfile: v09 Canadian, v10 US, v03 (DCT), v01 (DAA).
std::vector<AamvaPayloadBuilder> every_card_shape() {
  return {canadian_card(), us_card(), version_3_card(), version_1_card()};
}

AamvaPayloadBuilder with_z_subfiles(AamvaPayloadBuilder card, int count = 1) {
  const char* types[] = {"ZO", "ZN", "ZV"};
  for (int i = 0; i < count; ++i) {
    const std::string type = types[i % 3];
    card.add_subfile(type, {{type + "A", "01"}, {type + "B", "SOMETHING ELSE"}, {type + "C", "20250412"}});
  }
  return card;
}

const char* const kSuffixes[] = {"JR", "SR", "II", "III", "IV", "2ND", "3RD", "4TH", "JR."};

}  // namespace

TEST_CASE("class: a name suffix in the full name DAA is the suffix, not a given name") {
  struct Name {
    const char* family;
    const char* given;
    const char* middle;
  };
  const Name names[] = {
      {"PUBLIC", "JOHN", "QUINCY"}, {"GAGNON", "LUC", ""}, {"SMITH-JONES", "MARY ANN", "B"}};
  for (const auto& name : names) {
    const std::string given = std::string(name.given) + (*name.middle ? std::string(" ") + name.middle : "");
    for (const char* suffix : kSuffixes) {
      for (auto style : {FullNameStyle::FamilyFirstCommas, FullNameStyle::GivenFirstSpaces}) {
        const std::string daa = full_name(style, name.family, name.given, name.middle, suffix);
        INFO("DAA '" << daa << "'");
        const auto doc = parse(version_1_card().set("DAA", daa));
        REQUIRE(outcome(doc) == "accepted");
        CHECK(doc->family_name == name.family);
        CHECK(doc->given_names == given);
        CHECK(doc->name_suffix == suffix);
      }
    }
  }
  // The standard's fourth part is the suffix whatever it says; a lone middle initial is not one.
  CHECK(parse(version_1_card().set("DAA", "PUBLIC,JOHN,Q,ESQ"))->name_suffix == "ESQ");
  CHECK(parse(version_1_card().set("DAA", "PUBLIC,JOHN,V"))->given_names == "JOHN V");
  CHECK(parse(version_1_card().set("DAA", "PUBLIC,JOHN,V"))->name_suffix.empty());
  // v02-03 given names and the suffix elements of later versions.
  CHECK(parse(version_3_card().set("DCT", "MARIE,JOSEE,JR"))->given_names == "MARIE JOSEE");
  CHECK(parse(version_3_card().set("DCT", "MARIE,JOSEE,JR"))->name_suffix == "JR");
  CHECK(parse(canadian_card().set("DCU", "III"))->name_suffix == "III");
  CHECK(parse(canadian_card().set("DCU", "NONE"))->name_suffix.empty());
  CHECK(parse(version_1_card().set("DAE", "SR"))->name_suffix == "SR");
}

TEST_CASE("class: a full name with no commas is read given names first") {
  struct Case {
    const char* family;
    const char* given;
    const char* middle;
  };
  const Case cases[] = {
      {"PUBLIC", "JOHN", "QUINCY"},     {"TREMBLAY", "MARIE", ""}, {"SMITH-JONES", "MARY", "ANN B"},
      {"DE LA CRUZ", "JUAN", "CARLOS"}, {"VAN DYKE", "PETER", ""},
  };
  for (const auto& c : cases) {
    const std::string given = std::string(c.given) + (*c.middle ? std::string(" ") + c.middle : "");
    const std::string daa = full_name(FullNameStyle::GivenFirstSpaces, c.family, c.given, c.middle);
    INFO("DAA '" << daa << "'");
    // Version 01, the full name alone.
    auto alone = parse(version_1_card().set("DAA", daa));
    REQUIRE(outcome(alone) == "accepted");
    CHECK(alone->family_name == c.family);
    CHECK(alone->given_names == given);
    // Beside given names in their own element (DCT), and no family name element at all.
    auto v3 = version_3_card();
    v3.remove("DCS").set("DCT", given).set("DAA", daa);
    auto beside_given = parse(v3);
    REQUIRE(outcome(beside_given) == "accepted");
    CHECK(beside_given->family_name == c.family);
    CHECK(beside_given->given_names == given);
    // Beside the family name (DAB): the given names are what is left of the full name.
    auto v1 = version_1_card();
    v1.set("DAA", daa).set("DAB", c.family);
    auto beside_family = parse(v1);
    REQUIRE(outcome(beside_family) == "accepted");
    CHECK(beside_family->family_name == c.family);
    CHECK(beside_family->given_names == given);
  }
  // One word is a family name with no given names, as before.
  CHECK(parse(version_1_card().set("DAA", "TREMBLAY"))->family_name == "TREMBLAY");
  CHECK(parse(version_1_card().set("DAA", "TREMBLAY"))->given_names.empty());
}

TEST_CASE("class: a line break between the subfile type and its first element") {
  for (const char* gap : {"\n", "\r\n", "\r", "\x1e"}) {
    for (auto card : every_card_shape()) {
      const auto clean = card;
      INFO("gap bytes " << std::string(gap).size() << ", version " << card.version);
      card.identity().after_type = gap;
      check_same_holder(card.build(), clean);

      auto with_z = with_z_subfiles(card);
      with_z.subfiles.back().after_type = gap;
      check_same_holder(with_z.build(), clean);
      CHECK(parse(with_z)->jurisdiction_elements.size() == 3);

      card.offsets = OffsetStyle::Zero;  // found by searching, not by the table
      check_same_holder(card.build(), clean);
      card.element_separator = "\r";  // a wedge that sends Enter for every separator
      check_same_holder(replace_all(card.build(), "\n", "\r"), clean);
    }
  }
}

TEST_CASE("class: a jurisdiction subfile cut short or missing while the identity subfile is whole") {
  for (auto card : every_card_shape()) {
    const auto clean = card;
    for (int z_count : {1, 2}) {
      const auto with_z = with_z_subfiles(card, z_count);
      const std::size_t z_bytes = with_z.subfiles.back().body("\n", "\r").size();
      for (std::size_t cut = 1; cut <= z_bytes; ++cut) {
        INFO("version " << card.version << ", " << z_count << " Z subfiles, last cut by " << cut << " of "
                        << z_bytes);
        auto cut_card = with_z;
        cut_card.cut_tail = cut;
        check_same_holder(cut_card.build(), clean);
        // What is kept of the jurisdiction's data is never a cut value.
        const auto doc = parse(cut_card);
        for (const auto& element : doc->jurisdiction_elements) {
          CHECK((element.value == "01" || element.value == "SOMETHING ELSE" || element.value == "20250412"));
        }
      }
      // Listed in the table with an offset past the end, and nothing of it in the payload.
      auto missing = with_z;
      missing.subfiles.back().offset_error = 400;
      missing.cut_tail = z_bytes;
      check_same_holder(missing.build(), clean);
      // Declared longer than it is, with no terminator.
      auto longer = with_z;
      longer.length_error = 9;
      longer.cut_tail = 1;
      check_same_holder(longer.build(), clean);
    }
  }
  // The identity subfile itself cut is still refused, wherever the Z subfile is.
  auto z_last = with_z_subfiles(canadian_card());
  const std::string payload = z_last.build();
  CHECK(outcome(parse(payload.substr(0, payload.find("DAQ") + 6))) == "truncated");
  auto z_first = canadian_card();
  z_first.subfiles.insert(z_first.subfiles.begin(), {"ZO", {{"ZOA", "01"}, {"ZOB", "FIRST"}}});
  const std::string z_first_payload = z_first.build();
  CHECK(outcome(parse(z_first_payload.substr(0, z_first_payload.find("DAQ") + 6))) == "truncated");
}

TEST_CASE("class: a payload up to 12 bytes shorter than declared, with no final terminator") {
  for (auto card : every_card_shape()) {
    // Every shape ends on an element the kiosk does not read, as most cards do.
    card.set("DCK", "INVENTORY0001");
    const auto clean = card;
    for (int missing = 1; missing <= 12; ++missing) {
      INFO("version " << card.version << ", declared " << missing << " bytes more than sent");
      auto shorter = card;
      shorter.segment_terminator = "";
      shorter.length_error = missing;
      check_same_holder(shorter.build(), clean);
    }
    // A scanner that swallows every CR (the header's and the terminator), from a card whose
    // declared lengths also run long.
    for (int loose : {0, 5, 11}) {
      auto swallowed = card;
      swallowed.drop_carriage_returns = true;
      swallowed.length_error = loose;
      check_same_holder(swallowed.build(), clean);
    }
  }
  // Past 12 bytes the data may be missing elements: refused as before.
  auto far_short = canadian_card().set("DCK", "INVENTORY0001");
  far_short.segment_terminator = "";
  far_short.length_error = 40;
  CHECK(outcome(parse(far_short)) == "truncated");
  // Stopping inside a field the kiosk reads is a cut, however few bytes are missing.
  auto number_last = canadian_card();
  number_last.remove("DAQ");
  number_last.set("DAQ", "T7654-32109-85412");
  number_last.segment_terminator = "";
  number_last.length_error = 2;
  CHECK(outcome(parse(number_last)) == "truncated");
  // So is a short payload where the expiry date the kiosk checks may have been lost.
  auto no_expiry = canadian_card().remove("DBA").set("DCK", "INVENTORY0001");
  no_expiry.segment_terminator = "";
  no_expiry.length_error = 12;
  CHECK(outcome(parse(no_expiry)) == "truncated");
}

TEST_CASE("class: separators wrapped in stray C1 bytes (UTF-8 C2 90) are cleaned") {
  for (auto card : every_card_shape()) {
    const auto clean = card;
    card = with_z_subfiles(card);
    for (auto [before, after] : {std::pair{true, true}, std::pair{true, false}, std::pair{false, true}}) {
      INFO("version " << card.version << ", before " << before << ", after " << after);
      auto wrapped = card;
      wrapped.control_wrapper = "\xC2\x90";
      wrapped.wrap_before = before;
      wrapped.wrap_after = after;
      check_same_holder(wrapped.build(), clean);
      CHECK(parse(wrapped)->jurisdiction_elements.size() == 3);
      auto doubled = wrapped;
      doubled.control_wrapper = "\xC2\x90\xC2\x90";
      check_same_holder(doubled.build(), clean);
      // With a keyboard wedge's CRLF as well.
      check_same_holder(replace_all(wrapped.build(), "\r", "\r\n"), clean);
    }
  }
  // A C1 byte inside a name, away from any separator, is still refused.
  CHECK(outcome(parse(canadian_card().set("DCS",
                                          "TREM\xC2\x90"
                                          "BLAY"))) == "control-characters");
}

TEST_CASE("class: pipes as separators, with jurisdiction Z elements present") {
  for (const char* substitute : {"|", "~", "?"}) {
    for (int z_count : {1, 2, 3}) {
      for (auto card : every_card_shape()) {
        const auto clean = card;
        card = with_z_subfiles(card, z_count);
        card.header_separators = std::string(3, substitute[0]);
        card.element_separator = substitute;
        card.segment_terminator = substitute;
        INFO("'" << substitute << "', " << z_count << " Z subfiles, version " << card.version);
        check_same_holder(card.build(), clean);
        CHECK(parse(card)->jurisdiction_elements.size() == static_cast<std::size_t>(3 * z_count));
      }
    }
  }
}

TEST_CASE("class: a damaged header is refused as a damaged barcode, never as another kind of barcode") {
  for (auto damage : {HeaderDamage::FileTypeAndIin, HeaderDamage::HeaderLost, HeaderDamage::TableAndType}) {
    for (auto card : every_card_shape()) {
      for (bool with_z : {false, true}) {
        auto damaged = with_z ? with_z_subfiles(card) : card;
        damaged.header_damage = damage;
        INFO("damage " << static_cast<int>(damage) << ", version " << card.version << ", Z " << with_z);
        const auto result = parse(damaged);
        REQUIRE_FALSE(result.has_value());
        CHECK(outcome(result) == "damaged-barcode");
        const auto text = identity::message(result.error().code);
        CHECK(std::string(text.en).find("damaged") != std::string::npos);
        CHECK(std::string(text.en).find("associate") != std::string::npos);
        CHECK(std::string(text.en).find("back of") == std::string::npos);
      }
    }
  }
  // A header whose table is garbled but whose identity subfile is intact still reads.
  auto table_only = canadian_card();
  std::string payload = table_only.build();
  payload.replace(payload.find("DL0"), 10, "##########");
  check_same_holder(payload, canadian_card());
}
