#pragma once
// Reads a printed receipt back: a small ESC/POS interpreter that draws what a printer would
// (the raster images dot for dot, each text line as its code-page bytes), and ZXing to read a
// QR code from the result. Any command the kiosk is not meant to send makes the rendering fail,
// so a stray byte in a job shows up here rather than as garbage on paper.

#include <ZXing/ReadBarcode.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace escpos_render {

struct Paper {
  int width = 576;
  int height = 0;
  std::vector<std::uint8_t> gray;       // width * height, 0 black, 255 white
  std::vector<std::string> text_lines;  // each line's bytes as sent (code page, not UTF-8)
  int rasters = 0;
  bool cut = false;
  std::string error;  // empty when every byte was understood

  void grow_to(int rows) {
    if (rows <= height) return;
    gray.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(rows), 255);
    height = rows;
  }
};

inline Paper render(std::span<const std::uint8_t> job) {
  constexpr int kLineHeight = 30;  // what the printer's 24-dot font advances a line
  Paper paper;
  int y = 0;
  int align = 0;
  int size_rows = 1;
  std::string line;
  std::size_t i = 0;
  auto need = [&](std::size_t count) {
    if (i + count <= job.size()) return true;
    paper.error = "command cut short at byte " + std::to_string(i);
    return false;
  };
  while (i < job.size() && paper.error.empty()) {
    const std::uint8_t b = job[i];
    if (b == 0x0A) {
      paper.text_lines.push_back(line);
      line.clear();
      y += kLineHeight * size_rows;
      ++i;
    } else if (b == 0x1B) {
      if (!need(2)) break;
      const std::uint8_t c = job[i + 1];
      if (c == 0x40) {
        align = 0;
        size_rows = 1;
        i += 2;
      } else if (c == 0x74 || c == 0x45 || c == 0x61 || c == 0x64) {
        if (!need(3)) break;
        if (c == 0x61) align = job[i + 2];
        if (c == 0x64) y += kLineHeight * job[i + 2];
        i += 3;
      } else {
        paper.error = "unknown ESC command at byte " + std::to_string(i);
      }
    } else if (b == 0x1D) {
      if (!need(2)) break;
      const std::uint8_t c = job[i + 1];
      if (c == 0x21) {
        if (!need(3)) break;
        size_rows = (job[i + 2] & 0x0F) + 1;
        i += 3;
      } else if (c == 0x56) {
        if (!need(3)) break;
        const std::uint8_t m = job[i + 2];
        paper.cut = true;
        i += (m == 65 || m == 66) ? 4 : 3;
      } else if (c == 0x76) {
        // GS v 0 m xL xH yL yH, then xL+xH*256 bytes a row for yL+yH*256 rows, high bit first.
        if (!need(8) || job[i + 2] != 0x30) {
          if (paper.error.empty()) paper.error = "bad GS v at byte " + std::to_string(i);
          break;
        }
        const int row_bytes = job[i + 4] | (job[i + 5] << 8);
        const int rows = job[i + 6] | (job[i + 7] << 8);
        i += 8;
        if (!need(static_cast<std::size_t>(row_bytes) * static_cast<std::size_t>(rows))) break;
        const int dots = row_bytes * 8;
        const int left = align == 1 ? (paper.width - dots) / 2 : align == 2 ? paper.width - dots : 0;
        paper.grow_to(y + rows);
        for (int r = 0; r < rows; ++r) {
          for (int x = 0; x < dots; ++x) {
            const std::uint8_t packed = job[i + static_cast<std::size_t>(r * row_bytes + x / 8)];
            const int px = left + x;
            if ((packed & (0x80 >> (x % 8))) != 0 && px >= 0 && px < paper.width) {
              paper.gray[static_cast<std::size_t>(y + r) * static_cast<std::size_t>(paper.width) +
                         static_cast<std::size_t>(px)] = 0;
            }
          }
        }
        i += static_cast<std::size_t>(row_bytes) * static_cast<std::size_t>(rows);
        y += rows;
        ++paper.rasters;
      } else {
        paper.error = "unknown GS command at byte " + std::to_string(i);
      }
    } else if (b >= 0x20) {
      line += static_cast<char>(b);
      ++i;
    } else {
      paper.error = "control byte " + std::to_string(b) + " at byte " + std::to_string(i);
    }
  }
  paper.grow_to(y + kLineHeight);
  return paper;
}

// The text of the first QR code ZXing finds in a gray picture (0 black, 255 white).
inline std::optional<std::string> read_qr(const std::uint8_t* gray, int width, int height) {
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  const ZXing::ImageView view(gray, width, height, ZXing::ImageFormat::Lum);
  for (const auto& result : ZXing::ReadBarcodes(view, hints)) {
    if (result.isValid()) return result.text();
  }
  return std::nullopt;
}

inline std::optional<std::string> read_qr(const Paper& paper) {
  return read_qr(paper.gray.data(), paper.width, paper.height);
}

}  // namespace escpos_render
