#include "kiosk/core/identity/text_encoding.hpp"

#include <array>
#include <cstdint>
#include <optional>

namespace kiosk::identity {

namespace {

// Windows-1252's printable characters in 0x80-0x9F; the five it leaves undefined stay C1
// controls so that has_control_characters() refuses them.
constexpr std::array<char32_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_code_point(std::string& out, char32_t cp) {
  auto byte = [](char32_t value) { return static_cast<char>(static_cast<unsigned char>(value)); };
  if (cp < 0x80) {
    out += byte(cp);
  } else if (cp < 0x800) {
    out += byte(0xC0 | (cp >> 6));
    out += byte(0x80 | (cp & 0x3F));
  } else {
    out += byte(0xE0 | (cp >> 12));
    out += byte(0x80 | ((cp >> 6) & 0x3F));
    out += byte(0x80 | (cp & 0x3F));
  }
}

// A base letter followed by a combining mark, and the precomposed letter they make. Covers
// every accented letter of French and the rest of Latin-1.
struct Composition {
  char base;
  char32_t mark;
  char32_t composed;
};

constexpr char32_t kGrave = 0x300, kAcute = 0x301, kCircumflex = 0x302, kTilde = 0x303, kDiaeresis = 0x308,
                   kRing = 0x30A, kCedilla = 0x327;

constexpr Composition kCompositions[] = {
    {'A', kGrave, 0xC0},     {'A', kAcute, 0xC1},      {'A', kCircumflex, 0xC2}, {'A', kTilde, 0xC3},
    {'A', kDiaeresis, 0xC4}, {'A', kRing, 0xC5},       {'C', kCedilla, 0xC7},    {'E', kGrave, 0xC8},
    {'E', kAcute, 0xC9},     {'E', kCircumflex, 0xCA}, {'E', kDiaeresis, 0xCB},  {'I', kGrave, 0xCC},
    {'I', kAcute, 0xCD},     {'I', kCircumflex, 0xCE}, {'I', kDiaeresis, 0xCF},  {'N', kTilde, 0xD1},
    {'O', kGrave, 0xD2},     {'O', kAcute, 0xD3},      {'O', kCircumflex, 0xD4}, {'O', kTilde, 0xD5},
    {'O', kDiaeresis, 0xD6}, {'U', kGrave, 0xD9},      {'U', kAcute, 0xDA},      {'U', kCircumflex, 0xDB},
    {'U', kDiaeresis, 0xDC}, {'Y', kAcute, 0xDD},      {'Y', kDiaeresis, 0x178},
};

std::optional<char32_t> compose(char base, char32_t mark) {
  const bool lower = base >= 'a' && base <= 'z';
  const char upper = lower ? static_cast<char>(base - 'a' + 'A') : base;
  for (const auto& c : kCompositions) {
    if (c.base != upper || c.mark != mark) continue;
    if (!lower) return c.composed;
    return c.composed == 0x178 ? char32_t{0xFF} : c.composed + 0x20;
  }
  return std::nullopt;
}

// Rewrites out[from..] in place: a composed letter is never longer than letter + mark.
void compose_accents(std::string& out, std::size_t from) {
  std::size_t write = from;
  std::size_t read = from;
  while (read < out.size()) {
    const auto b1 = read + 1 < out.size() ? static_cast<unsigned char>(out[read + 1]) : 0u;
    const auto b2 = read + 2 < out.size() ? static_cast<unsigned char>(out[read + 2]) : 0u;
    // Combining marks U+0300-U+033F are 0xCC 0x80-0xBF in UTF-8.
    if (b1 == 0xCC && b2 >= 0x80 && b2 <= 0xBF) {
      const char32_t mark = 0x300 + (b2 - 0x80);
      if (auto composed = compose(out[read], mark)) {
        std::string encoded;
        append_code_point(encoded, *composed);
        for (char c : encoded) out[write++] = c;
        read += 3;
        continue;
      }
    }
    out[write++] = out[read++];
  }
  out.resize(write);
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    std::size_t extra = 0;
    char32_t cp = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
      cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
      cp = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
      cp = lead & 0x07;
    } else {
      return false;
    }
    if (i + extra >= bytes.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(bytes[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

void append_as_utf8(std::string& out, std::string_view bytes) {
  const std::size_t start = out.size();
  if (is_valid_utf8(bytes)) {
    out.append(bytes);
  } else {
    for (char c : bytes) {
      const auto b = static_cast<unsigned char>(c);
      append_code_point(out, b >= 0x80 && b < 0xA0 ? kWindows1252High[b - 0x80] : char32_t{b});
    }
  }
  compose_accents(out, start);
}

bool has_control_characters(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 || b == 0x7F) return true;
    // U+0080-U+009F in UTF-8: 0xC2 0x80-0x9F.
    if (b == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

}  // namespace kiosk::identity
