#pragma once
// Which words of a card's name elements are the family name, the given names and the suffix.
// Private to the parser.
//
// Version 01 cards carry the whole name in DAA: the standard writes FAMILY,GIVEN,MIDDLE,SUFFIX,
// but several US states write the words in reading order with no commas (JOHN QUINCY PUBLIC JR),
// and a suffix must never end up among the given names. Later versions give each part its own
// element (DCS, DAC, DAD, DCU; DCT in v02-03), which always win over DAA.

#include <string_view>
#include <vector>

namespace kiosk::identity::detail {

using Words = std::vector<std::string_view>;

// "JR", "SR", "II", "III", "IV", "1ST" to "9TH", with or without a final period.
bool is_name_suffix(std::string_view word);

// The words of `text`, split at spaces.
Words words_of(std::string_view text);

// Splits at commas, trimming each part; empty and placeholder parts are kept as empty views so
// that a part's position still says what it is.
Words comma_parts(std::string_view value);

struct NameParts {
  Words family;
  Words given;
  std::string_view suffix;
};

// Given names written in their own element (DCT, DAC/DAD), with a trailing suffix taken out.
NameParts split_given_names(const Words& parts);

// The full name DAA. `known_family` and `known_given` are the words of the card's other name
// elements, if any: with no commas, they say which end of the full name is which; without them
// the words are read given names first, the family name last (with its particles: DE LA CRUZ).
NameParts split_full_name(std::string_view daa, const Words& known_family, const Words& known_given);

}  // namespace kiosk::identity::detail
