#pragma once
// The bytes an ESC/POS thermal receipt printer understands (Epson's command set, which most
// receipt printers follow): text in code page 858 (every French letter, « », the euro sign),
// bold and double size, centring, raster images (GS v 0) for the QR, feed and cut.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::drivers::printer {

// One bit a dot, 1 is black; rows top to bottom. What the printer's head draws.
struct MonoBitmap {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> dots;  // width * height, 0 or 1

  MonoBitmap() = default;
  MonoBitmap(int w, int h)
      : width(w), height(h), dots(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0) {}
  bool at(int x, int y) const {
    return dots[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                static_cast<std::size_t>(x)] != 0;
  }
  void set(int x, int y, bool black) {
    dots[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)] =
        black ? 1 : 0;
  }
};

// ESC t n: the code page the printer reads text in. 19 is PC858 on Epson-compatible printers.
inline constexpr std::uint8_t kCodePage858 = 19;
// 80 mm paper at 203 dpi.
inline constexpr int kPrintableDots = 576;

// UTF-8 to code page 858. Typographic characters the page lacks become their plain forms (’ to ',
// dashes to -, … to ..., œ to oe); anything else becomes '?'.
std::string to_cp858(std::string_view utf8);

class EscPosWriter {
 public:
  enum class Align : std::uint8_t { Left = 0, Center = 1, Right = 2 };

  // ESC @ (reset), then ESC t: the code page.
  EscPosWriter& initialize();
  EscPosWriter& align(Align align);
  EscPosWriter& bold(bool on);
  // GS !: double width and height (a title), or normal.
  EscPosWriter& double_size(bool on);
  // A line of UTF-8 text, converted to the code page, then LF.
  EscPosWriter& line(std::string_view utf8);
  // ESC d n: feed n lines.
  EscPosWriter& feed(int lines);
  // GS v 0: the image, in one command when it fits the printer's buffer, else in bands.
  EscPosWriter& raster(const MonoBitmap& image);
  // GS V 66 n: feed to the cutter and cut (partial cut on printers that have only that).
  EscPosWriter& cut();

  const std::vector<std::uint8_t>& bytes() const { return bytes_; }
  std::vector<std::uint8_t> take() { return std::move(bytes_); }

 private:
  void put(std::initializer_list<std::uint8_t> bytes) { bytes_.insert(bytes_.end(), bytes); }
  std::vector<std::uint8_t> bytes_;
};

}  // namespace kiosk::drivers::printer
