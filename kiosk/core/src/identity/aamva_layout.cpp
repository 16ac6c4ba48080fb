#include "aamva_layout.hpp"

#include <algorithm>
#include <optional>

namespace kiosk::identity::detail {

namespace {

constexpr std::size_t kAnchorSearchBytes = 256;  // prefix a scanner may send before the '@'
constexpr std::size_t kHeaderSearchBytes = 16;   // separators kept, replaced or doubled after '@'
constexpr std::size_t kFileTypeAndNumbers = 13;  // "ANSI " + IIN (6 digits) + version (2)
constexpr std::size_t kDesignatorBytes = 10;     // type (2) + offset (4) + length (4)
constexpr std::size_t kMaxDesignators = 16;
constexpr std::size_t kOffsetTolerance = 16;  // how far a declared offset may be wrong
constexpr std::size_t kShortestSubfile = 16;  // fewer bytes after the header: it was cut
constexpr std::size_t kLengthSlack = 3;       // declared lengths off by a byte or two, a lost CR
// Scanners that drop CRs, and cards that count their lengths loosely, leave the data this much
// shorter than declared. Tolerated only when every field the kiosk checks is there (below).
constexpr std::size_t kShortPayloadSlack = 12;

// Fields the kiosk reads: their value would be wrong, not merely missing, if the payload stopped
// inside them.
constexpr std::string_view kReadElements[] = {"DAQ", "DCS", "DAC", "DAD", "DCT", "DAA", "DAB",
                                              "DBB", "DBA", "DBD", "DCU", "DAE", "DCG", "DAJ"};

bool all_of_at(std::string_view text, std::size_t pos, std::size_t count, bool (*test)(char)) {
  if (pos > text.size() || count > text.size() - pos) return false;
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(pos),
                     text.begin() + static_cast<std::ptrdiff_t>(pos + count), test);
}

std::optional<int> number_at(std::string_view text, std::size_t pos, std::size_t count) {
  if (!all_of_at(text, pos, count, is_digit)) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

// "ANSI " or "AAMVA" (four capitals, then a capital or a space), the IIN and the version.
bool header_starts_at(std::string_view text, std::size_t pos) {
  return all_of_at(text, pos, 4, is_upper) && pos + 4 < text.size() &&
         (is_upper(text[pos + 4]) || text[pos + 4] == ' ') && all_of_at(text, pos + 5, 8, is_digit);
}

constexpr std::size_t kBreaksAfterType = 2;  // "DL" LF "DAQ": some cards break the line there

// A subfile starts with its type and then an element id of its kind: D.. in DL and ID, Z.. in Z?.
// Where that first element begins, or nothing. `loose` allows line breaks after the type.
std::optional<std::size_t> subfile_data_at(std::string_view text, std::size_t pos, std::string_view type,
                                           bool loose) {
  if (pos > text.size() || text.size() - pos < 5 || text.substr(pos, 2) != type) return std::nullopt;
  std::size_t data = pos + 2;
  while (loose && data < text.size() && data < pos + 2 + kBreaksAfterType && is_break(text[data])) ++data;
  if (text.size() - data < 3) return std::nullopt;
  const std::string_view id = text.substr(data, 3);
  if (!is_element_id(id)) return std::nullopt;
  if (type == "DL" || type == "ID") {
    if (id[0] != 'D' || !is_upper(id[1]) || !is_upper(id[2])) return std::nullopt;
  } else if (type[0] == 'Z' && id[0] != 'Z') {
    return std::nullopt;
  }
  return data;
}

bool subfile_starts_at(std::string_view text, std::size_t pos, std::string_view type) {
  return subfile_data_at(text, pos, type, false).has_value();
}

// Whether the payload carries a licence's elements (number, birth date, a name), each where an
// element starts: after a byte that cannot be part of an id, or right after the subfile type. Then a header
// or table that cannot be read is damage to an ID card's barcode, not some other barcode.
bool holds_identity_elements(std::string_view text) {
  const auto has = [text](std::string_view id) {
    for (std::size_t pos = text.find(id); pos != std::string_view::npos; pos = text.find(id, pos + 1)) {
      const std::string_view before = text.substr(pos >= 2 ? pos - 2 : 0, std::min<std::size_t>(pos, 2));
      if (before.empty() || !is_upper_or_digit(before.back()) || before == "DL" || before == "ID")
        return true;
    }
    return false;
  };
  return has("DAQ") && has("DBB") && (has("DCS") || has("DAA") || has("DAB") || has("DAC") || has("DCT"));
}

struct Header {
  std::size_t anchor = 0;  // the '@': declared offsets count from here
  std::string_view iin;
  int version = 0;
  std::optional<int> jurisdiction_version;
  std::optional<int> entries;
  std::size_t table = 0;  // first subfile designator
};

std::optional<std::size_t> header_after(std::string_view text, std::size_t from) {
  for (std::size_t pos = from; pos <= from + kHeaderSearchBytes && pos < text.size(); ++pos) {
    if (header_starts_at(text, pos)) return pos;
  }
  return std::nullopt;
}

// Whether the bytes after this '@' are the start of a header that the payload cut short.
bool is_cut_header(std::string_view text, std::size_t at) {
  std::size_t pos = at + 1;
  while (pos < text.size() && pos <= at + kHeaderSearchBytes && is_control(text[pos])) ++pos;
  const std::string_view rest = text.substr(pos);
  if (rest.size() >= kFileTypeAndNumbers + 4 + kDesignatorBytes) return false;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const char c = rest[i];
    const bool fits = i < 4    ? is_upper(c)
                      : i == 4 ? is_upper(c) || c == ' '
                      : i < 13 ? is_digit(c)
                               : is_upper_or_digit(c);
    if (!fits) return false;
  }
  return true;
}

Expected<Header, AamvaError> find_header(std::string_view text) {
  std::optional<std::size_t> anchor;
  std::optional<std::size_t> type_at;
  const std::size_t search_end = std::min(text.size(), kAnchorSearchBytes);
  const std::size_t first_at = text.find('@');
  // Only the first '@' can start a header the payload cut short: "@@@@" is no header at all.
  const bool cut = first_at < search_end && is_cut_header(text, first_at);
  for (std::size_t at = first_at; at < search_end && !type_at; ++at) {
    if (text[at] != '@') continue;
    if (auto pos = header_after(text, at + 1)) {
      anchor = at;
      type_at = pos;
    }
  }
  if (!type_at) {
    // A scanner that lost the '@' as well: the header right after leading blanks or controls.
    std::size_t pos = 0;
    while (pos < search_end && static_cast<unsigned char>(text[pos]) <= 0x20) ++pos;
    if (header_starts_at(text, pos)) {
      type_at = pos;
      anchor = pos >= 4 ? pos - 4 : 0;
    }
  }
  if (!type_at) {
    if (cut) return fail(AamvaError{AamvaErrc::Truncated, "the payload ends inside the AAMVA header"});
    if (holds_identity_elements(text)) {
      return fail(
          AamvaError{AamvaErrc::DamagedBarcode, "identity elements behind an unreadable AAMVA header"});
    }
    return fail(AamvaError{AamvaErrc::NotAamva, "no AAMVA header ('@', file type, IIN, version)"});
  }

  Header header;
  header.anchor = *anchor;
  header.iin = text.substr(*type_at + 5, 6);
  header.version = number_at(text, *type_at + 11, 2).value_or(0);
  // Versions 00 and 01 have no jurisdiction version: tell by where the first designator's
  // letters are, not by the version number, which a card may get wrong.
  const std::size_t next = *type_at + kFileTypeAndNumbers;
  const auto letters_at = [&text](std::size_t pos) { return all_of_at(text, pos, 2, is_upper); };
  if (all_of_at(text, next, 4, is_digit) &&
      (letters_at(next + 4) || (header.version >= 2 && !letters_at(next + 2)))) {
    header.jurisdiction_version = number_at(text, next, 2);
    header.entries = number_at(text, next + 2, 2);
    header.table = next + 4;
  } else if (all_of_at(text, next, 2, is_digit)) {
    header.entries = number_at(text, next, 2);
    header.table = next + 2;
  } else {
    header.table = next;
  }
  return header;
}

struct Designator {
  std::string_view type;
  std::optional<int> offset;
  std::optional<int> length;
};

std::vector<Designator> read_designators(std::string_view text, const Header& header,
                                         std::size_t& table_end) {
  const bool count_known = header.entries && *header.entries > 0;
  const std::size_t limit =
      count_known ? std::min<std::size_t>(static_cast<std::size_t>(*header.entries), kMaxDesignators)
                  : kMaxDesignators;
  std::vector<Designator> designators;
  std::size_t pos = header.table;
  while (designators.size() < limit && pos + kDesignatorBytes <= text.size()) {
    const std::string_view entry = text.substr(pos, kDesignatorBytes);
    if (!is_upper(entry[0]) || !is_upper_or_digit(entry[1])) break;
    if (std::any_of(entry.begin(), entry.end(), is_control)) break;
    Designator designator{entry.substr(0, 2), number_at(entry, 2, 4), number_at(entry, 6, 4)};
    // Letters in place of numbers happen on real cards, but with no count to go by, or where the
    // bytes read as a subfile's start, this is the first subfile and the table has ended.
    const bool numeric = designator.offset && designator.length;
    if (!numeric && (!count_known || subfile_starts_at(text, pos, designator.type))) break;
    designators.push_back(designator);
    pos += kDesignatorBytes;
  }
  table_end = pos;
  return designators;
}

struct LocatedSubfile {
  std::string_view type;
  std::size_t begin = 0;
  std::optional<int> declared_length;
  std::size_t type_bytes = 2;  // up to the first element: 0 when the card left the type out
};

class SubfileLocator {
 public:
  SubfileLocator(std::string_view text, std::size_t table_end) : text_(text), table_end_(table_end) {}

  // Near the declared offset first (cards get it wrong by a few bytes, wedges shift it), then
  // anywhere after the designator table (offsets of 0000 or letters). Away from where the table
  // says, a line break after the type is accepted only when no subfile starts without one: the
  // bytes "ID" LF "DAJ" can also end a value ("MADRID") and begin the next element.
  std::optional<LocatedSubfile> find(std::string_view type, std::optional<std::size_t> declared) const {
    if (declared) {
      for (std::size_t delta = 0; delta <= kOffsetTolerance; ++delta) {
        if (*declared >= delta) {
          if (auto found = at(*declared - delta, type, true)) return found;
        }
        if (auto found = at(*declared + delta, type, true)) return found;
      }
    }
    for (bool loose : {false, true}) {
      for (std::size_t pos = table_end_; pos < text_.size(); ++pos) {
        if (auto found = at(pos, type, loose)) return found;
      }
    }
    return std::nullopt;
  }

  void claim(LocatedSubfile subfile) { located_.push_back(subfile); }
  std::vector<LocatedSubfile>& located() { return located_; }
  bool has_identity() const {
    return std::any_of(located_.begin(), located_.end(),
                       [](const LocatedSubfile& s) { return s.type == "DL" || s.type == "ID"; });
  }

 private:
  std::optional<LocatedSubfile> at(std::size_t pos, std::string_view type, bool loose) const {
    if (pos < table_end_) return std::nullopt;
    const auto data = subfile_data_at(text_, pos, type, loose);
    if (!data) return std::nullopt;
    if (std::any_of(located_.begin(), located_.end(),
                    [pos](const LocatedSubfile& s) { return s.begin == pos; }))
      return std::nullopt;
    return LocatedSubfile{type, pos, std::nullopt, *data - pos};
  }

  std::string_view text_;
  std::size_t table_end_;
  std::vector<LocatedSubfile> located_;
};

bool ends_inside(std::string_view text, const Header& header, const std::vector<Designator>& designators,
                 std::size_t table_end) {
  if (text.size() - table_end < kShortestSubfile) return true;
  return std::any_of(designators.begin(), designators.end(), [&](const Designator& d) {
    return (d.type == "DL" || d.type == "ID") && d.offset && d.length &&
           header.anchor + static_cast<std::size_t>(*d.offset + *d.length) > text.size() + kLengthSlack;
  });
}

bool is_read_element(std::string_view id) {
  return std::find(std::begin(kReadElements), std::end(kReadElements), id) != std::end(kReadElements);
}

// Number, family name, birth and expiry dates: a payload a few bytes short that still holds all
// of them has lost nothing the kiosk decides on.
bool has_checked_elements(const AamvaSubfile& subfile) {
  const auto has = [&subfile](std::string_view id) { return subfile.find(id) != nullptr; };
  return has("DAQ") && (has("DCS") || has("DAB") || has("DAA")) && has("DBB") && has("DBA");
}

// Whether the last subfile, which ended without a terminator, stopped before its end. A missing
// terminator alone is not enough (wedges drop it): the data must also fall short of the declared
// length, or stop inside a field the kiosk reads.
bool ends_cut(std::string_view text, const LocatedSubfile& last, const AamvaSubfile& subfile) {
  const bool inside_read_field = !subfile.elements.empty() && is_read_element(subfile.elements.back().id);
  if (!last.declared_length) return inside_read_field;
  const std::size_t actual = text.size() - last.begin;
  const std::size_t slack = inside_read_field               ? 1
                            : !subfile.is_identity()        ? 1
                            : has_checked_elements(subfile) ? kShortPayloadSlack
                                                            : kLengthSlack;
  return actual + slack < static_cast<std::size_t>(*last.declared_length);
}

}  // namespace

const AamvaElement* AamvaSubfile::find(std::string_view id) const {
  const auto found =
      std::find_if(elements.begin(), elements.end(), [id](const AamvaElement& e) { return e.id == id; });
  return found == elements.end() ? nullptr : &*found;
}

const AamvaSubfile& AamvaLayout::identity_subfile() const {
  return *std::find_if(subfiles.begin(), subfiles.end(),
                       [](const AamvaSubfile& s) { return s.is_identity(); });
}

Expected<AamvaLayout, AamvaError> read_aamva_layout(std::string_view text) {
  auto header = find_header(text);
  if (!header) return fail(std::move(header).error());
  std::size_t table_end = header->table;
  const std::vector<Designator> designators = read_designators(text, *header, table_end);

  SubfileLocator locator(text, table_end);
  for (const Designator& designator : designators) {
    std::optional<std::size_t> declared;
    if (designator.offset && *designator.offset > 0)
      declared = header->anchor + static_cast<std::size_t>(*designator.offset);
    if (auto found = locator.find(designator.type, declared)) {
      found->declared_length = designator.length;
      locator.claim(*found);
    }
  }
  if (!locator.has_identity()) {
    // A table that lost its DL/ID entry: the subfile may still be there.
    const auto dl = locator.find("DL", std::nullopt);
    const auto id = locator.find("ID", std::nullopt);
    if (dl && (!id || dl->begin < id->begin))
      locator.claim(*dl);
    else if (id)
      locator.claim(*id);
  }
  if (!locator.has_identity()) {
    // Some cards list the DL subfile in the table but start it without its "DL": elements right
    // after the table.
    std::size_t pos = table_end;
    while (pos < text.size() && is_break(text[pos])) ++pos;
    const auto listed = std::find_if(designators.begin(), designators.end(),
                                     [](const Designator& d) { return d.type == "DL" || d.type == "ID"; });
    if (listed != designators.end() && pos + 3 <= text.size() && text[pos] == 'D' &&
        is_upper(text[pos + 1]) && is_upper(text[pos + 2])) {
      locator.claim({listed->type, pos, std::nullopt, 0});
    }
  }
  if (!locator.has_identity()) {
    if (ends_inside(text, *header, designators, table_end)) {
      return fail(AamvaError{AamvaErrc::Truncated, "the payload ends before its DL/ID subfile"});
    }
    const bool listed = std::any_of(designators.begin(), designators.end(),
                                    [](const Designator& d) { return d.type == "DL" || d.type == "ID"; });
    if (listed || designators.empty() || holds_identity_elements(text)) {
      return fail(AamvaError{AamvaErrc::DamagedBarcode, "the DL/ID subfile cannot be found"});
    }
    return fail(AamvaError{AamvaErrc::NoIdentitySubfile, "no DL or ID subfile"});
  }

  auto& located = locator.located();
  std::sort(located.begin(), located.end(),
            [](const LocatedSubfile& a, const LocatedSubfile& b) { return a.begin < b.begin; });
  const Separators separators = detect_separators(text.substr(located.front().begin));

  AamvaLayout layout;
  layout.iin = header->iin;
  layout.version = header->version;
  layout.jurisdiction_version = header->jurisdiction_version;
  bool last_terminated = false;
  for (std::size_t k = 0; k < located.size(); ++k) {
    const std::size_t end = k + 1 < located.size() ? located[k + 1].begin : text.size();
    SplitSubfile split = split_subfile(text, located[k].begin + located[k].type_bytes, end, separators);
    last_terminated = split.terminated;
    layout.subfiles.push_back({located[k].type, std::move(split.elements)});
  }
  if (separators.style == SeparatorStyle::None) {
    return fail(AamvaError{AamvaErrc::MissingSeparators, "no element separators between the elements"});
  }

  // Only the last subfile can have been cut. A jurisdiction's subfile after a whole identity
  // subfile costs only its own last element, which may be incomplete.
  if (!last_terminated && ends_cut(text, located.back(), layout.subfiles.back())) {
    AamvaSubfile& last = layout.subfiles.back();
    if (last.is_identity())
      return fail(AamvaError{AamvaErrc::Truncated, "the identity subfile stops before its declared length"});
    if (!last.elements.empty()) last.elements.pop_back();
  }
  return layout;
}

}  // namespace kiosk::identity::detail
