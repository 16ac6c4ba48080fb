#include "aamva_elements.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace kiosk::identity::detail {

namespace {

constexpr int kMinSubstituteSeparators = 4;

// The byte that stands before most element ids and almost nowhere else, if there is one.
std::optional<char> find_substitute_separator(std::string_view body) {
  std::array<int, 256> before_element{};
  std::array<int, 256> total{};
  constexpr std::string_view kInsideValues = " ,-./'#&";
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (is_upper_or_digit(c) || (c >= 'a' && c <= 'z') || kInsideValues.find(c) != std::string_view::npos)
      continue;
    const auto b = static_cast<unsigned char>(c);
    ++total[b];
    // Standard elements (D..) and the jurisdiction's own (Z..) alike.
    if (i + 3 < body.size() && (body[i + 1] == 'D' || body[i + 1] == 'Z') && is_upper(body[i + 2]) &&
        is_upper_or_digit(body[i + 3])) {
      ++before_element[b];
    }
  }
  const auto best = static_cast<std::size_t>(std::max_element(before_element.begin(), before_element.end()) -
                                             before_element.begin());
  if (before_element[best] < kMinSubstituteSeparators || before_element[best] * 5 < total[best] * 4) {
    return std::nullopt;
  }
  return static_cast<char>(static_cast<unsigned char>(best));
}

// Splits text[begin, end) into elements. A piece that does not start with an element id is the
// rest of the previous value, cut by a stray separator: it stays attached, separator included,
// so that the control byte is seen and the value refused rather than silently shortened.
template <class IsBreak>
std::vector<AamvaElement> split_elements(std::string_view text, std::size_t begin, std::size_t end,
                                         IsBreak is_separator) {
  std::vector<AamvaElement> elements;
  std::size_t pos = begin;
  while (pos < end) {
    std::size_t stop = pos;
    while (stop < end && !is_separator(text[stop])) ++stop;
    const std::string_view piece = text.substr(pos, stop - pos);
    const bool blank = std::all_of(piece.begin(), piece.end(), [](char c) { return c == ' '; });
    if (is_element_id(piece)) {
      elements.push_back({piece.substr(0, 3), piece.substr(3)});
    } else if (!blank && !elements.empty()) {
      AamvaElement& last = elements.back();
      const auto value_begin = static_cast<std::size_t>(last.value.data() - text.data());
      last.value = text.substr(value_begin, stop - value_begin);
    }
    pos = stop + 1;
  }
  return elements;
}

}  // namespace

std::string_view trim_value(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == ',')) value.remove_suffix(1);
  return value;
}

bool is_placeholder(std::string_view value) {
  constexpr std::string_view kPlaceholders[] = {"NONE", "UNAVL", "UNAVAIL", "UNAVAILABLE", "N/A"};
  if (std::all_of(value.begin(), value.end(), [](char c) { return c == '0'; })) return true;
  return std::any_of(std::begin(kPlaceholders), std::end(kPlaceholders), [value](std::string_view p) {
    return value.size() == p.size() && std::equal(value.begin(), value.end(), p.begin(), [](char a, char b) {
             return (a >= 'a' && a <= 'z' ? static_cast<char>(a - 'a' + 'A') : a) == b;
           });
  });
}

Separators detect_separators(std::string_view body) {
  bool lone_line_feed = false;
  bool any_break = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (!is_break(body[i])) continue;
    any_break = true;
    if (body[i] == '\n' && (i == 0 || body[i - 1] != '\r')) lone_line_feed = true;
  }
  if (lone_line_feed) return {SeparatorStyle::LineFeed};
  if (any_break) return {SeparatorStyle::CarriageReturn};
  if (auto substitute = find_substitute_separator(body)) return {SeparatorStyle::Substitute, *substitute};
  return {};
}

SplitSubfile split_subfile(std::string_view text, std::size_t begin, std::size_t end, Separators separators) {
  SplitSubfile split;
  switch (separators.style) {
    case SeparatorStyle::LineFeed: {
      // CR ends the subfile: the first CR after the last element's start, so that a CR inside a
      // value is not mistaken for the end, and junk after the end stays out.
      std::size_t last_start = begin;
      for (std::size_t i = begin; i + 1 < end; ++i) {
        if (text[i] == '\n' && is_element_id(text.substr(i + 1, std::min<std::size_t>(3, end - i - 1)))) {
          last_start = i + 1;
        }
      }
      const std::size_t cr = text.find('\r', last_start);
      const std::size_t stop = cr < end ? cr : end;
      split.terminated = cr < end;
      split.elements = split_elements(text, begin, stop, [](char c) { return c == '\n' || c == '\x1e'; });
      break;
    }
    case SeparatorStyle::CarriageReturn:
      split.terminated = end > begin && is_break(text[end - 1]);
      split.elements = split_elements(text, begin, end, is_break);
      break;
    case SeparatorStyle::Substitute: {
      const char substitute = separators.substitute;
      const auto is_separator = [substitute](char c) { return c == substitute || is_break(c); };
      split.terminated = end > begin && is_separator(text[end - 1]);
      split.elements = split_elements(text, begin, end, is_separator);
      break;
    }
    case SeparatorStyle::None:
      split.elements = split_elements(text, begin, end, [](char) { return false; });
      break;
  }
  return split;
}

}  // namespace kiosk::identity::detail
