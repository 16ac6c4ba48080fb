#include "kiosk/receipt/receipt_print.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb/stb_truetype.h>
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace kiosk::receipt {
namespace {

using drivers::printer::EscPosWriter;
using drivers::printer::kPrintableDots;

// ZXing 1.4 reads 0-8 for QR as L, L, M, M, Q, Q, H, H from 1 up.
constexpr int kEccMedium = 4;
constexpr int kCellWidth = 12;
constexpr int kCellHeight = 24;
// The gap the printer leaves between text lines (ESC 2: 30 dots a line for a 24-dot font).
constexpr int kLineHeight = 30;

// The printer's font, drawn with stb_truetype into 12x24-dot cells.
class CellFont {
 public:
  static Expected<CellFont, PictureError> load() {
    std::ifstream in(KIOSK_RECEIPT_FONT, std::ios::binary);
    std::vector<unsigned char> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CellFont font;
    font.data_ = std::move(data);
    if (font.data_.empty() || stbtt_InitFont(&font.info_, font.data_.data(), 0) == 0) {
      return fail(PictureError{PictureErrc::FontMissing, KIOSK_RECEIPT_FONT});
    }
    return font;
  }

  // Draws one code point with its cell's top-left corner at (x, y), `scale` times the normal cell.
  void draw(MonoBitmap& page, char32_t c, int x, int y, int scale, bool bold) const {
    const float pixels = static_cast<float>(kCellHeight * scale) * 0.86f;
    const float em = stbtt_ScaleForPixelHeight(&info_, pixels);
    int ascent = 0;
    stbtt_GetFontVMetrics(&info_, &ascent, nullptr, nullptr);
    int w = 0;
    int h = 0;
    int xoff = 0;
    int yoff = 0;
    unsigned char* glyph =
        stbtt_GetCodepointBitmap(&info_, em, em, static_cast<int>(c), &w, &h, &xoff, &yoff);
    if (glyph == nullptr) return;
    const int baseline = y + static_cast<int>(static_cast<float>(ascent) * em) + scale;
    for (int gy = 0; gy < h; ++gy) {
      for (int gx = 0; gx < w; ++gx) {
        if (glyph[gy * w + gx] < 110) continue;
        for (int dx = 0; dx <= (bold ? 1 : 0); ++dx) {
          const int px = x + xoff + gx + dx;
          const int py = baseline + yoff + gy;
          if (px >= 0 && py >= 0 && px < page.width && py < page.height) page.set(px, py, true);
        }
      }
    }
    stbtt_FreeBitmap(glyph, nullptr);
  }

 private:
  std::vector<unsigned char> data_;
  stbtt_fontinfo info_{};
};

std::vector<char32_t> code_points(std::string_view utf8) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const int extra = lead < 0x80 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
    char32_t c = extra == 0 ? lead : lead & (0x3F >> extra);
    for (int k = 1; k <= extra && i + static_cast<std::size_t>(k) < utf8.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    out.push_back(c);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

void blit(MonoBitmap& page, const MonoBitmap& image, int left, int top) {
  for (int y = 0; y < image.height && top + y < page.height; ++y) {
    for (int x = 0; x < image.width && left + x < page.width; ++x) {
      if (image.at(x, y)) page.set(left + x, top + y, true);
    }
  }
}

}  // namespace

MonoBitmap qr_modules(std::string_view text) {
  try {
    const ZXing::BitMatrix matrix = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                                        .setEccLevel(kEccMedium)
                                        .setMargin(0)
                                        .encode(std::string(text), 1, 1);
    MonoBitmap out(matrix.width(), matrix.height());
    for (int y = 0; y < matrix.height(); ++y) {
      for (int x = 0; x < matrix.width(); ++x) out.set(x, y, matrix.get(x, y));
    }
    return out;
  } catch (const std::exception&) {
    return {};  // ZXing throws when the text fits no version
  }
}

MonoBitmap qr_for_print(std::string_view text, int dots_per_module) {
  const MonoBitmap modules = qr_modules(text);
  if (modules.width == 0) return modules;
  const int quiet = kQrQuietModules * dots_per_module;
  MonoBitmap out(modules.width * dots_per_module + 2 * quiet, modules.height * dots_per_module + 2 * quiet);
  for (int y = 0; y < out.height - 2 * quiet; ++y) {
    for (int x = 0; x < out.width - 2 * quiet; ++x) {
      out.set(quiet + x, quiet + y, modules.at(x / dots_per_module, y / dots_per_module));
    }
  }
  return out;
}

std::vector<std::uint8_t> receipt_escpos(const Receipt& receipt, Language language) {
  EscPosWriter writer;
  writer.initialize();
  for (const auto& line : receipt_lines(receipt, language)) {
    writer.align(line.centered ? EscPosWriter::Align::Center : EscPosWriter::Align::Left);
    const bool bold = line.style == LineStyle::Title || line.style == LineStyle::Heading;
    if (bold) writer.bold(true);
    if (line.style == LineStyle::Title) writer.double_size(true);
    writer.line(line.text);
    if (line.style == LineStyle::Title) writer.double_size(false);
    if (bold) writer.bold(false);
  }
  if (!receipt.code.empty()) {
    writer.align(EscPosWriter::Align::Center).raster(qr_for_print(receipt.code));
  }
  writer.align(EscPosWriter::Align::Left).feed(4).cut();
  return writer.take();
}

Expected<MonoBitmap, PictureError> receipt_picture(const Receipt& receipt, Language language) {
  auto font = CellFont::load();
  if (!font) return fail(font.error());
  const auto lines = receipt_lines(receipt, language);
  const MonoBitmap qr = receipt.code.empty() ? MonoBitmap{} : qr_for_print(receipt.code);
  int height = kLineHeight;
  for (const auto& line : lines) height += line.style == LineStyle::Title ? 2 * kLineHeight : kLineHeight;
  height += qr.height + 4 * kLineHeight;
  MonoBitmap page(kPrintableDots, height);
  int y = kLineHeight / 2;
  for (const auto& line : lines) {
    const int scale = line.style == LineStyle::Title ? 2 : 1;
    const auto text = code_points(line.text);
    const int width = static_cast<int>(text.size()) * kCellWidth * scale;
    int x = line.centered ? std::max(0, (kPrintableDots - width) / 2) : 0;
    const bool bold = line.style == LineStyle::Title || line.style == LineStyle::Heading;
    for (char32_t c : text) {
      font->draw(page, c, x, y, scale, bold);
      x += kCellWidth * scale;
    }
    y += kLineHeight * scale;
  }
  blit(page, qr, (kPrintableDots - qr.width) / 2, y);
  return page;
}

Status<PictureError> write_png(const MonoBitmap& picture, const std::filesystem::path& file) {
  std::vector<unsigned char> gray(picture.dots.size());
  for (std::size_t i = 0; i < gray.size(); ++i) gray[i] = picture.dots[i] != 0 ? 0 : 255;
  if (picture.width == 0 ||
      stbi_write_png(file.c_str(), picture.width, picture.height, 1, gray.data(), picture.width) == 0) {
    return fail(PictureError{PictureErrc::WriteFailed, file.string()});
  }
  return Ok{};
}

}  // namespace kiosk::receipt
