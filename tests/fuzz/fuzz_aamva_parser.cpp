// libFuzzer harness for parse_aamva. Beyond "no crash, no sanitizer report", it checks what must
// hold of every document the parser accepts, so a fuzzer find can be a wrong answer too.
//
// With KIOSK_FUZZ_SEED_DIR set, it writes a seed corpus there (built with the tests' payload
// generator) and exits: tests/fuzz/run-fuzzers.sh asks every harness for its seeds that way.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "aamva_payload_builder.hpp"
#include "kiosk/core/identity/aamva_parser.hpp"
#include "kiosk/core/identity/text_encoding.hpp"

namespace {

using namespace kiosk::testing;
using namespace std::chrono;

constexpr year_month_day kToday{year{2026}, month{11}, day{28}};

std::vector<std::string> seeds() {
  std::vector<std::string> out;
  auto with_z = canadian_card("604428", "QC", 10);
  with_z.add_subfile("ZQ", {{"ZQA", "VALUE"}, {"ZQB", "NONE"}});
  for (const auto& card : {canadian_card(), us_card(), version_3_card(), version_1_card(), with_z}) {
    out.push_back(card.build());
    out.push_back(replace_all(card.build(), "\r", "\r\n"));
  }
  auto quirky = us_card("636014", "CA", 8);
  quirky.offsets = OffsetStyle::Zero;
  quirky.prefix = " \r\n";
  quirky.suffix = "\x04";
  quirky.set("DCS", "B\xC9LANGER,").set("DAD", "unavl").set("DBB", year_first(1970, 1, 2));
  out.push_back(quirky.build());
  auto carriage = canadian_card("636028", "BC", 4);
  carriage.element_separator = "\r";
  carriage.offsets = OffsetStyle::Letters;
  out.push_back(carriage.build());
  auto substitute = canadian_card("636044", "SK", 9);
  substitute.element_separator = "?";
  substitute.header_separators = "???";
  substitute.segment_terminator = "?";
  out.push_back(substitute.build());
  auto id_card = us_card("636024", "VT", 9);
  id_card.identity().type = "ID";
  id_card.file_type = "AAMVA";
  out.push_back(id_card.build());
  // The real-card quirk classes: suffix and spaced full names, a break after the type, a cut Z
  // subfile, a short payload, C1-wrapped separators, pipes with Z elements, a damaged header.
  out.push_back(version_1_card().set("DAA", "JOHN QUINCY DE LA CRUZ JR").build());
  out.push_back(version_1_card().set("DAA", "PUBLIC,JOHN,Q,3RD").build());
  auto broken_line = with_z;
  broken_line.identity().after_type = "\n";
  out.push_back(broken_line.build());
  auto cut_z = with_z;
  cut_z.cut_tail = 4;
  out.push_back(cut_z.build());
  auto short_payload = us_card().set("DCK", "INVENTORY0001");
  short_payload.segment_terminator = "";
  short_payload.length_error = 9;
  out.push_back(short_payload.build());
  auto wrapped = with_z;
  wrapped.control_wrapper = "\xC2\x90";
  out.push_back(wrapped.build());
  auto piped = with_z;
  piped.element_separator = piped.segment_terminator = "|";
  piped.header_separators = "|||";
  out.push_back(piped.build());
  auto damaged = canadian_card();
  damaged.header_damage = HeaderDamage::TableAndType;
  out.push_back(damaged.build());
  const std::string full = canadian_card().build();
  out.push_back(full.substr(0, full.size() / 2));
  out.push_back("@\n\x1e\rANSI 636012090101DL00310213");
  return out;
}

void write_seeds(const char* dir) {
  int index = 0;
  for (const auto& seed : seeds()) {
    std::ofstream(std::string(dir) + "/seed-" + std::to_string(index++), std::ios::binary) << seed;
  }
}

void require(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "accepted document breaks an invariant: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("KIOSK_FUZZ_SEED_DIR")) {
    write_seeds(dir);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::identity;
  const auto result = parse_aamva({data, size}, kToday);
  if (!result) {
    require(!result.error().detail.empty(), "a refusal without a detail");
    require(to_string(result.error().code) != "unknown", "a refusal without a code");
    return 0;
  }
  const IdDocument& doc = *result;
  require(doc.kind == "DL" || doc.kind == "ID", "kind is DL or ID");
  require(doc.country == "CAN" || doc.country == "USA", "country is CAN or USA");
  require(doc.issuer.size() == 2, "issuer is a jurisdiction code");
  require(!doc.family_name.empty() && !doc.document_number.empty(), "family name and number present");
  require(doc.date_of_birth.has_value() && doc.date_of_birth->ok(), "a real birth date");
  require(sys_days{*doc.date_of_birth} <= sys_days{kToday}, "birth date not in the future");
  require(doc.age >= 0 && doc.age <= 120, "age within 0-120");
  for (const std::string* text :
       {&doc.family_name, &doc.given_names, &doc.name_suffix, &doc.document_number}) {
    require(is_valid_utf8(*text), "text is UTF-8");
    require(!has_control_characters(*text), "no control characters in the fields the kiosk uses");
    require(text->empty() || (text->front() != ' ' && text->back() != ' '), "fields are trimmed");
  }
  const std::string masked = doc.document_number_masked();
  require(is_valid_utf8(masked), "the masked number is UTF-8");
  require(masked.size() < 3 + doc.document_number.size() || doc.document_number.size() <= 3,
          "the masked number hides part of the number");
  return 0;
}
