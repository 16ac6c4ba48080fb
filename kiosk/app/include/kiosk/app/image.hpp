#pragma once
// An RGBA8 picture of the screen, and the PNG file it is saved as.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/expected.hpp"

namespace kiosk {

struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // width * height * 4, rows top to bottom

  // Distinct colours, capped: a screenshot of a real screen has many; a blank one has one.
  std::size_t distinct_colours(std::size_t cap = 4096) const;
};

enum class ImageErrc { Empty, WriteFailed, ReadFailed };

struct ImageError {
  ImageErrc code;
  std::string path;
};

Status<ImageError> write_png(const RgbaImage& image, const std::filesystem::path& file);
Expected<RgbaImage, ImageError> read_png(const std::filesystem::path& file);

}  // namespace kiosk
