#include "kiosk/drivers/printer/escpos.hpp"

#include <algorithm>
#include <array>

namespace kiosk::drivers::printer {
namespace {

// Code page 858's upper half (0x80-0xFF) as Unicode code points: 850 with the euro at 0xD5.
constexpr std::array<char32_t, 128> kCp858High = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE,
    0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6,
    0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA,
    0x00BA, 0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502,
    0x2524, 0x00C1, 0x00C2, 0x00C0, 0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510, 0x2514,
    0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550,
    0x256C, 0x00A4, 0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x20AC, 0x00CD, 0x00CE, 0x00CF, 0x2518, 0x250C,
    0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580, 0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE,
    0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4, 0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6,
    0x00A7, 0x00F7, 0x00B8, 0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
};

// Typography the code page lacks, in the plainest form a reader expects.
std::string_view plain_form(char32_t c) {
  switch (c) {
    case 0x2018:
    case 0x2019: return "'";
    case 0x201C:
    case 0x201D: return "\"";
    case 0x2013:
    case 0x2014:
    case 0x2212: return "-";
    case 0x2026: return "...";
    case 0x0153: return "oe";
    case 0x0152: return "OE";
    case 0x202F: return "\xFF";  // narrow no-break space: the page's no-break space
    default: return "?";
  }
}

// Decodes one UTF-8 sequence at `pos`; a broken one reads as U+FFFD and moves one byte on.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  int extra = lead < 0x80           ? 0
              : (lead >> 5) == 0x6  ? 1
              : (lead >> 4) == 0xE  ? 2
              : (lead >> 3) == 0x1E ? 3
                                    : -1;
  if (extra < 0 || pos + static_cast<std::size_t>(extra) >= text.size()) {
    ++pos;
    return 0xFFFD;
  }
  char32_t c = extra == 0 ? lead : lead & (0x3F >> extra);
  for (int i = 1; i <= extra; ++i) {
    const auto next = static_cast<unsigned char>(text[pos + static_cast<std::size_t>(i)]);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    c = (c << 6) | (next & 0x3F);
  }
  pos += static_cast<std::size_t>(extra) + 1;
  return c;
}

// Rows of a raster band: at most this many bytes of image per GS v 0, which every printer's
// receive buffer takes whole.
constexpr int kBandBytes = 4096;

}  // namespace

std::string to_cp858(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t c = next_code_point(utf8, pos);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      continue;
    }
    const auto found = std::find(kCp858High.begin(), kCp858High.end(), c);
    if (found != kCp858High.end()) {
      out += static_cast<char>(0x80 + (found - kCp858High.begin()));
    } else {
      out += plain_form(c);
    }
  }
  return out;
}

EscPosWriter& EscPosWriter::initialize() {
  put({0x1B, 0x40, 0x1B, 0x74, kCodePage858});
  return *this;
}

EscPosWriter& EscPosWriter::align(Align align) {
  put({0x1B, 0x61, static_cast<std::uint8_t>(align)});
  return *this;
}

EscPosWriter& EscPosWriter::bold(bool on) {
  put({0x1B, 0x45, static_cast<std::uint8_t>(on ? 1 : 0)});
  return *this;
}

EscPosWriter& EscPosWriter::double_size(bool on) {
  put({0x1D, 0x21, static_cast<std::uint8_t>(on ? 0x11 : 0x00)});
  return *this;
}

EscPosWriter& EscPosWriter::line(std::string_view utf8) {
  const std::string encoded = to_cp858(utf8);
  bytes_.insert(bytes_.end(), encoded.begin(), encoded.end());
  bytes_.push_back(0x0A);
  return *this;
}

EscPosWriter& EscPosWriter::feed(int lines) {
  put({0x1B, 0x64, static_cast<std::uint8_t>(std::clamp(lines, 0, 255))});
  return *this;
}

EscPosWriter& EscPosWriter::raster(const MonoBitmap& image) {
  const int row_bytes = (image.width + 7) / 8;
  if (row_bytes == 0 || image.height == 0) return *this;
  const int band_rows = std::max(1, kBandBytes / row_bytes);
  for (int top = 0; top < image.height; top += band_rows) {
    const int rows = std::min(band_rows, image.height - top);
    put({0x1D, 0x76, 0x30, 0x00, static_cast<std::uint8_t>(row_bytes & 0xFF),
         static_cast<std::uint8_t>(row_bytes >> 8), static_cast<std::uint8_t>(rows & 0xFF),
         static_cast<std::uint8_t>(rows >> 8)});
    for (int y = top; y < top + rows; ++y) {
      for (int byte = 0; byte < row_bytes; ++byte) {
        std::uint8_t packed = 0;
        for (int bit = 0; bit < 8; ++bit) {
          const int x = byte * 8 + bit;
          if (x < image.width && image.at(x, y)) packed = static_cast<std::uint8_t>(packed | (0x80 >> bit));
        }
        bytes_.push_back(packed);
      }
    }
  }
  return *this;
}

EscPosWriter& EscPosWriter::cut() {
  put({0x1D, 0x56, 0x42, 0x00});
  return *this;
}

}  // namespace kiosk::drivers::printer
