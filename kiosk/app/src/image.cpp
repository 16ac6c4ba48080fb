#include "kiosk/app/image.hpp"

#include <stb_image.h>
#include <stb_image_write.h>

#include <unordered_set>

namespace kiosk {

std::size_t RgbaImage::distinct_colours(std::size_t cap) const {
  std::unordered_set<std::uint32_t> seen;
  for (std::size_t i = 0; i + 3 < pixels.size() && seen.size() < cap; i += 4) {
    seen.insert(static_cast<std::uint32_t>(pixels[i]) << 24 |
                static_cast<std::uint32_t>(pixels[i + 1]) << 16 |
                static_cast<std::uint32_t>(pixels[i + 2]) << 8 | pixels[i + 3]);
  }
  return seen.size();
}

Status<ImageError> write_png(const RgbaImage& image, const std::filesystem::path& file) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() !=
          static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4) {
    return fail(ImageError{ImageErrc::Empty, file.string()});
  }
  const std::string path = file.string();
  if (stbi_write_png(path.c_str(), image.width, image.height, 4, image.pixels.data(), image.width * 4) == 0) {
    return fail(ImageError{ImageErrc::WriteFailed, path});
  }
  return Ok{};
}

Expected<RgbaImage, ImageError> read_png(const std::filesystem::path& file) {
  const std::string path = file.string();
  int width = 0;
  int height = 0;
  int channels = 0;
  stbi_uc* data = stbi_load(path.c_str(), &width, &height, &channels, 4);
  if (data == nullptr) return fail(ImageError{ImageErrc::ReadFailed, path});
  RgbaImage image{width, height, {}};
  image.pixels.assign(data, data + static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  stbi_image_free(data);
  return image;
}

}  // namespace kiosk
