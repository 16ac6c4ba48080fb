#include "kiosk/drivers/scanner/wedge_payload.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "kiosk/core/sensitive.hpp"

namespace kiosk::drivers {
namespace {

using Kind = WedgeToken::Kind;
using Tokens = std::span<const WedgeToken>;
using Bytes = std::vector<std::uint8_t>;

constexpr std::uint8_t kLf = 0x0A;
constexpr std::uint8_t kCr = 0x0D;
constexpr std::uint8_t kRs = 0x1E;
constexpr std::size_t kMaxSubfiles = 20;

bool is_byte(const WedgeToken& token, char c) {
  return token.kind == Kind::Byte && token.byte == static_cast<std::uint8_t>(c);
}

// What a wedge may have made of a control character: a key, or the control byte itself.
bool is_separator(const WedgeToken& token) {
  return token.kind != Kind::Byte || token.byte == kLf || token.byte == kCr || token.byte == kRs;
}

bool is_upper(std::uint8_t c) {
  return c >= 'A' && c <= 'Z';
}
bool is_digit(std::uint8_t c) {
  return c >= '0' && c <= '9';
}

std::optional<std::uint8_t> control_byte(char key, const WedgeModifiers& modifiers) {
  if (key >= 'a' && key <= 'z') return static_cast<std::uint8_t>(key - 'a' + 1);
  if (key >= 'A' && key <= 'Z') return static_cast<std::uint8_t>(key - 'A' + 1);
  switch (key) {
    case '@': return 0x00;
    case '[': return 0x1B;
    case '\\': return 0x1C;
    case ']': return 0x1D;
    case '^': return 0x1E;
    case '_': return 0x1F;
    // On a US layout the key reports its unshifted character: Ctrl+Shift+2 is Ctrl+@, and so on.
    case '2':
      if (modifiers.shift) return 0x00;
      break;
    case '6':
      if (modifiers.shift) return 0x1E;
      break;
    case '-':
      if (modifiers.shift) return 0x1F;
      break;
    default: break;
  }
  return std::nullopt;
}

Bytes generic(Tokens tokens) {
  Bytes out;
  out.reserve(tokens.size());
  for (const auto& token : tokens) {
    switch (token.kind) {
      case Kind::Byte: out.push_back(token.byte); break;
      case Kind::Enter: out.push_back(kLf); break;
      case Kind::Tab: out.push_back('\t'); break;
    }
  }
  return out;
}

bool starts_file_type(Tokens tokens, std::size_t at) {
  for (std::string_view type : {std::string_view("ANSI "), std::string_view("AAMVA")}) {
    if (at + type.size() > tokens.size()) continue;
    bool match = true;
    for (std::size_t k = 0; k < type.size() && match; ++k) match = is_byte(tokens[at + k], type[k]);
    if (match) return true;
  }
  return false;
}

// Reads `count` plain bytes (no separator among them) into `into`.
bool read_plain(Tokens tokens, std::size_t& pos, std::size_t count, std::string& into) {
  if (pos + count > tokens.size()) return false;
  for (std::size_t k = 0; k < count; ++k) {
    if (is_separator(tokens[pos + k])) return false;
    into.push_back(static_cast<char>(tokens[pos + k].byte));
  }
  pos += count;
  return true;
}

std::optional<int> two_digits(std::string_view text) {
  if (text.size() != 2 || !is_digit(static_cast<std::uint8_t>(text[0])) ||
      !is_digit(static_cast<std::uint8_t>(text[1]))) {
    return std::nullopt;
  }
  return (text[0] - '0') * 10 + (text[1] - '0');
}

bool starts_with(std::string_view body, std::size_t at, std::string_view text) {
  return at + text.size() <= body.size() && body.compare(at, text.size(), text) == 0;
}

// Separators came as keys: each run of them is one separator. It closes a subfile (CR) where
// the next subfile begins or the burst ends, and separates elements (LF) everywhere else.
Bytes restore_separators(Tokens body, const std::vector<std::string>& types) {
  Bytes out;
  out.reserve(body.size());
  std::size_t next_type = 1;  // the first subfile follows the header with no separator
  std::size_t i = 0;
  while (i < body.size()) {
    if (!is_separator(body[i])) {
      out.push_back(body[i].byte);
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < body.size() && is_separator(body[j])) ++j;
    bool closes_subfile = j == body.size();
    if (!closes_subfile && next_type < types.size() && j + 2 < body.size()) {
      const std::string& type = types[next_type];
      closes_subfile =
          is_byte(body[j], type[0]) && is_byte(body[j + 1], type[1]) && !is_separator(body[j + 2]);
      if (closes_subfile) ++next_type;
    }
    out.push_back(closes_subfile ? kCr : kLf);
    i = j;
  }
  return out;
}

// The wedge dropped every separator: elements run together ("DCSSAMPLEDACJEAN"). Element ids
// are three capitals from a known family (DAx, DBA-DBS, DCA-DCU, DDA-DDL; Zxx in a jurisdiction
// subfile), dates and codes have fixed lengths, and an id appears once per subfile. That finds
// the boundaries of real cards; a value that itself contains an unused element id (a street
// named "DAKOTA") can still be split wrongly, which the parser then reports.
class DroppedSeparators {
 public:
  DroppedSeparators(std::string_view body, const std::vector<std::string>& types) : b_(body), types_(types) {
    out_.reserve(2 * b_.size());  // at most one separator per element id; no reallocation
  }

  Bytes restore() {
    std::size_t pos = 0;
    for (std::size_t s = 0; s < types_.size(); ++s) {
      const std::string& type = types_[s];
      const std::size_t start = find_subfile(pos, type);
      if (start == std::string_view::npos) break;
      append(b_.substr(pos, start - pos + 2));  // anything before it, then the type
      pos = start + 2;
      const std::string_view next =
          s + 1 < types_.size() ? std::string_view(types_[s + 1]) : std::string_view();
      std::set<std::string_view> seen;
      while (pos < b_.size() && is_element(pos, type)) {
        seen.insert(b_.substr(pos, 3));
        const std::size_t end = value_end(pos + 3, type, next, seen);
        append(b_.substr(pos, end - pos));
        pos = end;
        if (pos >= b_.size() || starts_subfile(pos, next)) {
          out_.push_back(kCr);
          break;
        }
        out_.push_back(kLf);
      }
    }
    append(b_.substr(std::min(pos, b_.size())));
    return std::move(out_);
  }

 private:
  void append(std::string_view text) { out_.insert(out_.end(), text.begin(), text.end()); }

  bool is_element(std::size_t at, std::string_view type) const {
    if (at + 3 > b_.size()) return false;
    const auto a = static_cast<std::uint8_t>(b_[at]);
    const auto b = static_cast<std::uint8_t>(b_[at + 1]);
    const auto c = static_cast<std::uint8_t>(b_[at + 2]);
    if (!is_upper(c)) return false;
    if (type[0] == 'Z') return a == 'Z' && b == static_cast<std::uint8_t>(type[1]);
    if (a != 'D') return false;
    switch (b) {
      case 'A': return true;
      case 'B': return c <= 'S';
      case 'C': return c <= 'U';
      case 'D': return c <= 'L';
      default: return false;
    }
  }

  bool starts_subfile(std::size_t at, std::string_view type) const {
    return !type.empty() && starts_with(b_, at, type) && is_element(at + 2, type);
  }

  std::size_t find_subfile(std::size_t from, std::string_view type) const {
    for (std::size_t at = from; at + 2 <= b_.size(); ++at) {
      if (starts_subfile(at, type)) return at;
    }
    return std::string_view::npos;
  }

  static std::optional<std::size_t> fixed_length(std::string_view id) {
    static const std::set<std::string_view> dates = {"DBA", "DBB", "DBD", "DDB", "DDC", "DDH", "DDI", "DDJ"};
    static const std::set<std::string_view> flags = {"DBC", "DDA", "DDD", "DDE", "DDF", "DDG", "DDK", "DDL"};
    if (dates.contains(id)) return 8;
    if (flags.contains(id)) return 1;
    if (id == "DAY" || id == "DCG") return 3;
    if (id == "DAU") return 6;
    if (id == "DAJ") return 2;
    return std::nullopt;
  }

  bool boundary(std::size_t at, std::string_view type, std::string_view next,
                const std::set<std::string_view>& seen) const {
    return starts_subfile(at, next) || (is_element(at, type) && !seen.contains(b_.substr(at, 3)));
  }

  std::size_t value_end(std::size_t from, std::string_view type, std::string_view next,
                        const std::set<std::string_view>& seen) const {
    const std::string_view id = b_.substr(from - 3, 3);
    if (auto fixed = fixed_length(id); fixed && from + *fixed <= b_.size()) {
      const std::size_t end = from + *fixed;
      if (end == b_.size() || boundary(end, type, next, seen)) return end;
    }
    // A value is never empty: "DCSDAIGLE" is the family name DAIGLE, not an empty DCS.
    for (std::size_t at = from + 1; at < b_.size(); ++at) {
      if (boundary(at, type, next, seen)) return at;
    }
    return b_.size();
  }

  std::string_view b_;
  const std::vector<std::string>& types_;
  Bytes out_;
};

}  // namespace

bool append_wedge_tokens(const WedgeKey& key, std::vector<WedgeToken>& out) {
  switch (key.special) {
    case WedgeSpecialKey::Enter: out.push_back({Kind::Enter, 0}); return true;
    case WedgeSpecialKey::Tab: out.push_back({Kind::Tab, 0}); return true;
    case WedgeSpecialKey::Backspace:
    case WedgeSpecialKey::Escape: return false;
    case WedgeSpecialKey::None: break;
  }
  if (key.modifiers.alt) return false;
  if (key.modifiers.ctrl) {
    if (key.text.size() == 1) {
      if (auto byte = control_byte(key.text[0], key.modifiers)) out.push_back({Kind::Byte, *byte});
    }
    return true;
  }
  for (char c : key.text) out.push_back({Kind::Byte, static_cast<std::uint8_t>(c)});
  return true;
}

std::vector<std::uint8_t> restore_wedge_payload(std::span<const WedgeToken> tokens) {
  // A wedge prefix may put a space or an Enter before the compliance indicator '@'.
  std::size_t at = 0;
  while (at < tokens.size() && at < 4 && (is_separator(tokens[at]) || is_byte(tokens[at], ' '))) ++at;
  if (at >= tokens.size() || !is_byte(tokens[at], '@')) return generic(tokens);

  // Whatever the wedge made of "\n\x1e\r" sits between '@' and the file type.
  std::size_t type_at = at + 1;
  while (type_at < tokens.size() && type_at <= at + 7 && !starts_file_type(tokens, type_at)) ++type_at;
  if (!starts_file_type(tokens, type_at)) return generic(tokens.subspan(at));

  // Sized once: a reallocation would leave a copy of the card's content in freed memory.
  Bytes out;
  out.reserve(2 * tokens.size() + 8);
  out.assign({'@', kLf, kRs, kCr});
  const auto give_up = [&]() -> Bytes {
    Bytes rest = generic(tokens.subspan(type_at));
    out.insert(out.end(), rest.begin(), rest.end());
    wipe(rest);
    return std::move(out);
  };
  // File type, IIN, AAMVA version; from version 02 a jurisdiction version; the entry count.
  std::string header;
  std::size_t pos = type_at;
  if (!read_plain(tokens, pos, 13, header)) return give_up();
  const auto version = two_digits(std::string_view(header).substr(11, 2));
  if (!version) return give_up();
  if (*version >= 2 && !read_plain(tokens, pos, 2, header)) return give_up();
  if (!read_plain(tokens, pos, 2, header)) return give_up();
  const auto entries = two_digits(std::string_view(header).substr(header.size() - 2));
  if (!entries || *entries > static_cast<int>(kMaxSubfiles)) return give_up();
  std::vector<std::string> types;
  for (int k = 0; k < *entries; ++k) {
    const std::size_t designator = header.size();
    if (!read_plain(tokens, pos, 10, header)) return give_up();
    types.push_back(header.substr(designator, 2));
  }
  out.insert(out.end(), header.begin(), header.end());

  const Tokens body = tokens.subspan(pos);
  // The wedge's own suffix (usually Enter) trails the payload; judge the style without it.
  std::size_t interior = body.size();
  while (interior > 0 && is_separator(body[interior - 1])) --interior;
  bool keys = false;
  bool control_bytes = false;
  for (const auto& token : body.first(interior)) {
    keys = keys || token.kind != Kind::Byte;
    control_bytes = control_bytes || is_separator(token);
  }
  Bytes restored;
  if (keys) {
    restored = restore_separators(body, types);
  } else if (control_bytes) {
    // Ctrl combinations: the bytes are already exact; only the suffix keys go.
    restored.reserve(body.size());
    for (const auto& token : body) {
      if (token.kind == Kind::Byte) restored.push_back(token.byte);
    }
  } else {
    Bytes plain = generic(body.first(interior));
    restored =
        DroppedSeparators(std::string_view(reinterpret_cast<const char*>(plain.data()), plain.size()), types)
            .restore();
    wipe(plain);
  }
  out.insert(out.end(), restored.begin(), restored.end());
  wipe(restored);
  return out;
}

}  // namespace kiosk::drivers
