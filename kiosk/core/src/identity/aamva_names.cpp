#include "aamva_names.hpp"

#include <algorithm>
#include <array>

#include "aamva_elements.hpp"

namespace kiosk::identity::detail {

namespace {

// Words that belong to the family name that follows them. "V" is left out of the suffixes and
// these out of the given names on purpose: a middle initial V is far more common than a fifth.
constexpr std::array<std::string_view, 18> kParticles = {"DE", "DEL", "DELA", "DELLA", "DER", "DES",
                                                         "DI", "DU",  "DA",   "DOS",   "DAS", "LA",
                                                         "LE", "VAN", "VON",  "DEN",   "TER", "ST"};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  const auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return upper(x) == upper(y); });
}

bool is_particle(std::string_view word) {
  return std::any_of(kParticles.begin(), kParticles.end(),
                     [word](std::string_view p) { return equal_ignoring_case(word, p); });
}

bool same_words(const Words& text, std::size_t from, const Words& wanted) {
  if (wanted.empty() || from + wanted.size() > text.size()) return false;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (!equal_ignoring_case(text[from + i], wanted[i])) return false;
  }
  return true;
}

// The words of every part, in order.
Words all_words(const Words& parts) {
  Words out;
  for (auto part : parts) {
    for (auto word : words_of(part)) out.push_back(word);
  }
  return out;
}

// Full name words with no commas: the card's other name elements tell the ends apart; without
// them, given names come first.
NameParts split_spaced_name(Words words, const Words& known_family, const Words& known_given) {
  NameParts name;
  if (words.size() > 1 && is_name_suffix(words.back())) {
    name.suffix = words.back();
    words.pop_back();
  }
  const auto take = [&words](std::size_t begin, std::size_t end) {
    return Words(words.begin() + static_cast<std::ptrdiff_t>(begin),
                 words.begin() + static_cast<std::ptrdiff_t>(end));
  };
  const std::size_t count = words.size();
  if (count <= 1) {
    name.family = words;
  } else if (known_given.size() < count && same_words(words, 0, known_given)) {
    name.given = take(0, known_given.size());
    name.family = take(known_given.size(), count);
  } else if (known_given.size() < count && same_words(words, count - known_given.size(), known_given)) {
    name.family = take(0, count - known_given.size());
    name.given = take(count - known_given.size(), count);
  } else if (known_family.size() < count && same_words(words, count - known_family.size(), known_family)) {
    name.given = take(0, count - known_family.size());
    name.family = take(count - known_family.size(), count);
  } else if (known_family.size() < count && same_words(words, 0, known_family)) {
    name.family = take(0, known_family.size());
    name.given = take(known_family.size(), count);
  } else {
    std::size_t family_start = count - 1;
    while (family_start > 1 && is_particle(words[family_start - 1])) --family_start;
    name.given = take(0, family_start);
    name.family = take(family_start, count);
  }
  return name;
}

}  // namespace

bool is_name_suffix(std::string_view word) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  constexpr std::array<std::string_view, 6> kWords = {"JR", "SR", "JNR", "SNR", "II", "III"};
  if (std::any_of(kWords.begin(), kWords.end(),
                  [word](std::string_view s) { return equal_ignoring_case(word, s); }))
    return true;
  if (equal_ignoring_case(word, "IV")) return true;
  // Ordinals: 1ST, 2ND, 3RD, 4TH ... 9TH.
  if (word.size() != 3 || word[0] < '1' || word[0] > '9') return false;
  const std::string_view ending = word.substr(1);
  switch (word[0]) {
    case '1': return equal_ignoring_case(ending, "ST");
    case '2': return equal_ignoring_case(ending, "ND");
    case '3': return equal_ignoring_case(ending, "RD");
    default: return equal_ignoring_case(ending, "TH");
  }
}

Words words_of(std::string_view text) {
  Words words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    std::size_t stop = pos;
    while (stop < text.size() && text[stop] != ' ') ++stop;
    if (stop > pos) words.push_back(text.substr(pos, stop - pos));
    pos = stop;
  }
  return words;
}

Words comma_parts(std::string_view value) {
  Words parts;
  std::size_t pos = 0;
  while (pos <= value.size()) {
    std::size_t comma = value.find(',', pos);
    if (comma == std::string_view::npos) comma = value.size();
    const std::string_view part = trim_value(value.substr(pos, comma - pos));
    parts.push_back(is_placeholder(part) ? std::string_view() : part);
    pos = comma + 1;
  }
  return parts;
}

NameParts split_given_names(const Words& parts) {
  NameParts name;
  name.given = parts;
  while (!name.given.empty() && name.given.back().empty()) name.given.pop_back();
  if (name.given.size() > 1 && is_name_suffix(name.given.back())) {
    name.suffix = name.given.back();
    name.given.pop_back();
  }
  return name;
}

NameParts split_full_name(std::string_view daa, const Words& known_family, const Words& known_given) {
  if (daa.find(',') == std::string_view::npos) {
    return split_spaced_name(words_of(daa), all_words(known_family), all_words(known_given));
  }
  Words parts = comma_parts(daa);
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  NameParts name;
  if (parts.empty()) return name;
  if (!parts.front().empty()) name.family = {parts.front()};
  // FAMILY,GIVEN,MIDDLE,SUFFIX: the fourth part is the suffix whatever it says; an earlier last
  // part is one only when it reads as one (PUBLIC,JOHN,JR).
  const bool fourth = parts.size() == 4;
  if (parts.size() > 2 && (fourth || is_name_suffix(parts.back()))) {
    name.suffix = parts.back();
    parts.pop_back();
  }
  name.given.assign(parts.begin() + 1, parts.end());
  return name;
}

}  // namespace kiosk::identity::detail
