#pragma once
// Binary PGM (P5) and PPM (P6) images, read here rather than by stb_image: stb 2.27 hands back
// a truncated file's missing pixels as uninitialised memory. Every size is checked against the
// bytes actually there before a pixel is read. Private to the image loader.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "kiosk/core/expected.hpp"
#include "kiosk/drivers/decode/gray_image.hpp"

namespace kiosk::drivers {

struct PnmHeader {
  int width = 0;
  int height = 0;
  int channels = 0;      // 1 for P5, 3 for P6
  int max_value = 0;     // 1-65535; above 255 each sample takes two bytes, most significant first
  std::size_t data = 0;  // where the pixels start
  std::size_t data_bytes() const;
};

enum class PnmErrc { Malformed, TooLarge, Truncated };

struct PnmError {
  PnmErrc code;
  std::string detail;
};

// The header of a P5 or P6 file; `max_pixels` bounds width x height before any size is computed.
Expected<PnmHeader, PnmError> read_pnm_header(std::span<const std::uint8_t> bytes, std::int64_t max_pixels);

// The whole image, grey; refused when the file holds fewer pixel bytes than its header declares.
Expected<GrayImage, PnmError> decode_pnm(std::span<const std::uint8_t> bytes, std::int64_t max_pixels);

}  // namespace kiosk::drivers
