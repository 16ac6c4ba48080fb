// Inputs the fuzzer (tests/fuzz/fuzz_aamva_parser.cpp) found to break the parser, kept as they
// were found so that the fault stays fixed.
#include <catch2/catch.hpp>

#include "kiosk/core/identity/text_encoding.hpp"
#include "parse_helpers.hpp"

using namespace kiosk;
using namespace kiosk::testing;

TEST_CASE("fuzz find: a Latin-1 byte that decodes to a C1 control inside the document number") {
  // Was accepted with U+009D inside document_number: the raw bytes held no C0 control, and only
  // the names were checked again after decoding. A wedge with '?' for every separator, too.
  const std::string payload =
      "@\x3f\x3f\x3f"
      "ANSI 6360440901\xff\xff\xff\xff\xff"
      "01DL00620426DLDCAG\x3f"
      "DCBNONE\x3f"
      "DCDNONE\x3f"
      "DBA20300412\x3f"
      "DCSTREMB\xb4\xbe\xa6\xc0\xbb\xbe\xbc\xb0"
      "ARIE\x3f"
      "DADJ"
      "OSEE\x3f"
      "DBD20250412\x3f"
      "DBB19850412\x3f"
      "DBC2\x3f"
      "DAYBRO\x3f"
      "DAU1cm\x3f"
      "DAG100"
      " QUEEN ST W\x3f"
      "DAITOR\x18NTO\x3f"
      "DAJSK\x3f"
      "DAKM5H 2N2\x3f"
      "DAQT7654-3\xe5\xe5\x9d\xe5"
      "\xe5\xe5\xe5\xe5\xe5"
      "210DBA20300412\x3f"
      "DCST4567\x3f"
      "DCGCAN\x3f"
      "DDEN\x3f"
      "DDFN\x3f"
      "D636012DGN\x3f";
  CHECK(outcome(parse(payload)) == "control-characters");
  // The same bytes without the C1 one are a document, so the refusal is about that byte alone.
  std::string clean = payload;
  clean[clean.find('\x9d')] = '\xe5';
  const auto doc = parse(clean);
  REQUIRE(outcome(doc) == "accepted");
  CHECK_FALSE(identity::has_control_characters(doc->document_number));
  CHECK(doc->issuer == "SK");
}
