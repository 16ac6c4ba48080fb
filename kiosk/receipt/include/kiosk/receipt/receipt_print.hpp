#pragma once
// A receipt as the printer prints it: the ESC/POS bytes, and the same layout drawn as a picture
// (receipt.png, the screen's preview). The QR is drawn by the kiosk, not by the printer's own QR
// command, so every printer prints the same symbol and the picture is exactly what is printed.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/drivers/printer/escpos.hpp"
#include "kiosk/receipt/receipt.hpp"

namespace kiosk::receipt {

using drivers::printer::MonoBitmap;

// 4 dots a module at 203 dpi is 0.5 mm: a version-9 symbol (53 modules) is 30 mm wide with its
// quiet zone, which a phone reads at arm's length.
inline constexpr int kQrDotsPerModule = 4;
inline constexpr int kQrQuietModules = 4;

// The QR symbol for a receipt code (error correction M), one module a cell, no quiet zone.
// Empty (0x0) when the text is too long for any QR version.
MonoBitmap qr_modules(std::string_view text);
// Scaled and given its quiet zone, as printed.
MonoBitmap qr_for_print(std::string_view text, int dots_per_module = kQrDotsPerModule);

// The receipt's bytes for an ESC/POS printer: reset, code page, lines, QR, feed, cut.
std::vector<std::uint8_t> receipt_escpos(const Receipt& receipt, Language language);

enum class PictureErrc { FontMissing, WriteFailed };
struct PictureError {
  PictureErrc code;
  std::string detail;
};

// The receipt drawn as the printer draws it: 576 dots wide, the printer's 12x24 font cell.
Expected<MonoBitmap, PictureError> receipt_picture(const Receipt& receipt, Language language);
Status<PictureError> write_png(const MonoBitmap& picture, const std::filesystem::path& file);

}  // namespace kiosk::receipt
