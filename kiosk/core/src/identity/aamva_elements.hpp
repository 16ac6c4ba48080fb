#pragma once
// Splitting a subfile's bytes into elements, whatever separators the card and the scanner left:
// LF (the standard), CR or CRLF (wedge scanners), or one printable byte standing in for them.
// Private to the parser.

#include <cstddef>
#include <string_view>
#include <vector>

namespace kiosk::identity::detail {

struct AamvaElement {
  std::string_view id;     // three characters: "DAQ"
  std::string_view value;  // raw bytes, untrimmed
};

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool is_upper_or_digit(char c) {
  return is_upper(c) || is_digit(c);
}
inline bool is_control(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b < 0x20 || b == 0x7F;
}
inline bool is_break(char c) {
  return c == '\n' || c == '\r' || c == '\x1e';
}

// Any element id: unknown ones are still elements (and ignored), not part of the previous value.
inline bool is_element_id(std::string_view piece) {
  return piece.size() >= 3 && is_upper(piece[0]) && is_upper_or_digit(piece[1]) &&
         is_upper_or_digit(piece[2]);
}

// Padding spaces on either side, and the trailing commas some cards leave after a name.
std::string_view trim_value(std::string_view value);

// What cards write for "none" or "unavailable" (NONE, UNAVL, N/A in any case), and all zeros.
bool is_placeholder(std::string_view value);

enum class SeparatorStyle {
  LineFeed,        // the standard: LF between elements, CR ends a subfile (CRLF from a wedge)
  CarriageReturn,  // a wedge sent Enter for LF: every CR, LF or RS separates
  Substitute,      // a wedge replaced the separator by one printable byte
  None,            // a wedge dropped them: elements cannot be told apart
};

struct Separators {
  SeparatorStyle style = SeparatorStyle::None;
  char substitute = 0;
};

// Decided once for the whole payload, from the first subfile on.
Separators detect_separators(std::string_view body);

struct SplitSubfile {
  std::vector<AamvaElement> elements;
  bool terminated = false;  // the subfile's data ended with a terminator or separator
};

// The elements of text[begin, end), after the subfile's type.
SplitSubfile split_subfile(std::string_view text, std::size_t begin, std::size_t end, Separators separators);

}  // namespace kiosk::identity::detail
