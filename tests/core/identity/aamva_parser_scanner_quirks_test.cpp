// What real cards get wrong in their header, and what keyboard-wedge scanners do to the bytes:
// each must still give the same document as the clean payload.
#include <catch2/catch.hpp>

#include "parse_helpers.hpp"

using namespace kiosk;
using namespace kiosk::testing;

namespace {

// The clean card changed by `apply` for each of `values` still gives the same holder.
template <class Apply>
void check_each(std::initializer_list<const char*> values, Apply apply) {
  for (const char* value : values) {
    INFO("variant '" << value << "'");
    auto card = canadian_card();
    apply(card, value);
    check_same_holder(card.build());
  }
}

AamvaPayloadBuilder with_z_subfile(AamvaPayloadBuilder card) {
  card.add_subfile("ZO", {{"ZOA", "01"}, {"ZOB", "SOMETHING"}});
  return card;
}

}  // namespace

TEST_CASE("subfile offsets of 0000 are tolerated: subfiles are found by their designator") {
  auto card = with_z_subfile(canadian_card());
  card.offsets = OffsetStyle::Zero;
  check_same_holder(card.build());
  CHECK(parse(card)->jurisdiction_elements.size() == 2);
}

TEST_CASE("subfile offsets written with letters are tolerated") {
  auto card = with_z_subfile(canadian_card());
  card.offsets = OffsetStyle::Letters;
  check_same_holder(card.build());
  CHECK(parse(card)->jurisdiction_elements.size() == 2);
}

TEST_CASE("subfile offsets off by a few bytes either way are tolerated") {
  for (int shift : {-5, -2, -1, 1, 2, 5, 12}) {
    INFO("shift " << shift);
    auto card = with_z_subfile(canadian_card());
    card.offsets = OffsetStyle::Shifted;
    card.offset_shift = shift;
    check_same_holder(card.build());
    CHECK(parse(card)->jurisdiction_elements.size() == 2);
  }
}

TEST_CASE("declared lengths and entry counts that lie do not matter when the data ends cleanly") {
  for (int error : {-40, -2, 3, 50}) {
    auto card = canadian_card();
    card.length_error = error;
    INFO("length error " << error);
    check_same_holder(card.build());
  }
  for (int entries : {0, 3, 9}) {
    auto card = canadian_card();
    card.declared_entries = entries;
    INFO("entries " << entries);
    check_same_holder(card.build());
  }
}

TEST_CASE("a file type other than 'ANSI ' is accepted") {
  check_each({"AAMVA", "ANSIX", "AAMV "},
             [](AamvaPayloadBuilder& card, const char* type) { card.file_type = type; });
}

TEST_CASE("wedge: CR turned into CRLF everywhere") {
  const std::string payload = replace_all(with_z_subfile(canadian_card()).build(), "\r", "\r\n");
  check_same_holder(payload);
  CHECK(parse(payload)->jurisdiction_elements.size() == 2);
}

TEST_CASE("wedge: the header's control characters dropped") {
  auto card = canadian_card();
  card.header_separators = "\n\r";  // record separator lost
  check_same_holder(card.build());
  card.header_separators = "";
  check_same_holder(card.build());
}

TEST_CASE("wedge: the '@' itself lost with the header's separators") {
  auto card = canadian_card();
  card.compliance = "";
  card.header_separators = "";
  check_same_holder(card.build());
}

TEST_CASE("wedge: CR between elements instead of LF") {
  auto card = with_z_subfile(canadian_card());
  card.element_separator = "\r";
  card.header_separators = "\r\r";
  check_same_holder(card.build());
  CHECK(parse(card)->jurisdiction_elements.size() == 2);
  card.element_separator = "\r\n";
  card.segment_terminator = "\r\n";
  check_same_holder(card.build());
}

TEST_CASE("wedge: control characters replaced by one printable byte") {
  check_each({"?", "|", "~", "\t"}, [](AamvaPayloadBuilder& card, const char* substitute) {
    card.header_separators = std::string(3, substitute[0]);
    card.element_separator = substitute;
    card.segment_terminator = substitute;
  });
}

TEST_CASE("wedge: whitespace, a symbology prefix or a previous scan's tail before the '@'") {
  check_each({"   ", "\r\n", " \t\r\n ", "]L2", "]L0\r\n", "junk from before\r"},
             [](AamvaPayloadBuilder& card, const char* prefix) { card.prefix = prefix; });
}

TEST_CASE("wedge: junk after the end is ignored, even when it looks like elements") {
  check_each({"\r\n", "\x04", "   ", "\nDAQ99999999\nDCSINTRUDER\r", "garbage!!\r\n"},
             [](AamvaPayloadBuilder& card, const char* suffix) { card.suffix = suffix; });
}

TEST_CASE("wedge: a lost final CR is not a truncation when the data is complete") {
  auto card = canadian_card();
  card.segment_terminator = "";
  check_same_holder(card.build());
}

TEST_CASE("the worst wedge at once: prefix, lost RS, CRLF, zero offsets, junk after the end") {
  auto card = with_z_subfile(us_card());
  card.prefix = "  \r\n";
  card.header_separators = "\n\r";
  card.offsets = OffsetStyle::Zero;
  card.suffix = "\x04\x04";
  check_same_holder(replace_all(card.build(), "\r", "\r\n"), us_card());
}

TEST_CASE("a table that lost its DL entry still finds the DL subfile") {
  auto card = with_z_subfile(canadian_card());
  std::string payload = card.build();
  const auto table = payload.find("DL0");
  payload.replace(table, 2, "XX");
  check_same_holder(payload);
}

TEST_CASE("a DL subfile that starts with its first element, without its type") {
  auto card = canadian_card();
  card.identity().type_in_body = false;
  check_same_holder(card.build());
  card.identity().fields.insert(card.identity().fields.begin(), {"DAQ", "T7654-32109-85412"});
  card.identity().fields.pop_back();
  check_same_holder(card.build());
}

TEST_CASE("wedge: a scan typed with Caps Lock on, every letter's case inverted") {
  std::string payload = with_z_subfile(canadian_card()).build();
  for (char& c : payload) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  check_same_holder(payload);
  // Inverted, not lowered: a name typed in mixed case comes back as the card has it.
  std::string mixed = canadian_card().set("DCS", "McDONALD").build();
  for (char& c : mixed) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    else if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
  }
  CHECK(parse(mixed)->family_name == "McDONALD");
  // Noise stays noise in either case.
  CHECK(outcome(parse(std::string("hello, this is not a licence"))) == "not-aamva");
}
