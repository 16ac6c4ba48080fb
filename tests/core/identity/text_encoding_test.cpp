#include <catch2/catch.hpp>

#include "kiosk/core/identity/text_encoding.hpp"

using namespace kiosk::identity;

namespace {
std::string utf8(std::string_view bytes) {
  std::string out;
  append_as_utf8(out, bytes);
  return out;
}
}  // namespace

TEST_CASE("ASCII and valid UTF-8 pass through unchanged") {
  CHECK(utf8("TREMBLAY") == "TREMBLAY");
  CHECK(utf8("B\u00C9LANGER") == "B\u00C9LANGER");
  CHECK(utf8("\u0152UVRE") == "\u0152UVRE");
}

TEST_CASE("Latin-1 bytes become UTF-8, with Windows-1252 letters in 0x80-0x9F") {
  CHECK(utf8("B\xC9LANGER") == "B\u00C9LANGER");
  CHECK(utf8("FRAN\xC7OIS") == "FRAN\u00C7OIS");
  CHECK(utf8("\xE9l\xE8ve") == "\u00E9l\u00E8ve");
  CHECK(utf8("\x8C"
             "UVRE") == "\u0152UVRE");
  CHECK(utf8("O\x92NEIL") == "O\u2019NEIL");
}

TEST_CASE("decomposed accents are composed for the screen font") {
  CHECK(utf8("E\xCC\x81MILE") == "\u00C9MILE");
  CHECK(utf8("franc\xCC\xA7ois") == "fran\u00E7ois");
  CHECK(utf8("NOE\xCC\x88L") == "NO\u00CBL");
  // A mark with no precomposed letter stays as it is.
  CHECK(utf8("Q\xCC\x81") == "Q\xCC\x81");
}

TEST_CASE("is_valid_utf8 refuses malformed sequences") {
  CHECK(is_valid_utf8("plain"));
  CHECK(is_valid_utf8("\xE2\x80\x99"));
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));
  CHECK_FALSE(is_valid_utf8("\xC9"));              // Latin-1 byte alone
  CHECK_FALSE(is_valid_utf8("\xE2\x80"));          // cut short
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST_CASE("control characters are found in every form") {
  CHECK_FALSE(has_control_characters("JEAN-PAUL O'NEIL"));
  CHECK_FALSE(has_control_characters("B\u00C9LANGER"));
  CHECK(has_control_characters(std::string_view("A\0B", 3)));
  CHECK(has_control_characters("A\tB"));
  CHECK(has_control_characters("A\x7F"));
  CHECK(has_control_characters("A\xC2\x85"));    // U+0085 as UTF-8
  CHECK(has_control_characters(utf8("A\x81")));  // undefined in Windows-1252: stays a C1 control
}
