#pragma once
// Loads a PNG, JPEG or binary PGM/PPM file (a saved camera frame, a test image) as a grey image.
// Whatever the file, the work is bounded before it starts: its size and magic are checked before
// it is read whole, its pixel count before it is decoded, and a truncated file is refused rather
// than read past its data.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/core/expected.hpp"
#include "kiosk/drivers/decode/gray_image.hpp"

namespace kiosk::drivers {

enum class ImageErrc {
  Unreadable,         // missing, unreadable, or damaged beyond decoding
  UnsupportedFormat,  // not PNG, JPEG or binary PNM
  TooLarge,           // more pixels than any camera frame we expect
};

// "unreadable-image", "unsupported-image-format", "image-too-large": stable codes for kioskctl.
std::string_view to_string(ImageErrc code);

struct ImageError {
  ImageErrc code;
  std::string source;  // the path, or "memory"
  std::string detail;

  std::string message() const;
};

// Refused above this many pixels (kMaxFramePixels, 4096 x 4096): a 4K camera frame is 8.3 M, a
// 12 MP photo of a card 12 M; a bigger "image" is a mistake or an attack on the decoder.
inline constexpr std::int64_t max_image_pixels = kMaxFramePixels;
// Refused above this many bytes, before they are read: more than any PNG, JPEG or 8-bit PGM of
// max_image_pixels takes.
inline constexpr std::uintmax_t max_image_file_bytes = 64u << 20;

Expected<GrayImage, ImageError> load_gray_image(const std::filesystem::path& file);
Expected<GrayImage, ImageError> decode_gray_image(std::span<const std::uint8_t> encoded,
                                                  std::string_view source_name = "memory");

}  // namespace kiosk::drivers
