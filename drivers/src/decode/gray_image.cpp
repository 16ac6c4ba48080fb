#include "kiosk/drivers/decode/gray_image.hpp"

namespace kiosk::drivers {

int bytes_per_pixel(PixelFormat format) {
  switch (format) {
    case PixelFormat::Gray: return 1;
    case PixelFormat::Rgb: return 3;
    case PixelFormat::Rgba: return 4;
  }
  return 1;
}

GrayImage::GrayImage(int width, int height, std::uint8_t fill)
    : width_(width > 0 && height > 0 ? width : 0),
      height_(width > 0 && height > 0 ? height : 0),
      pixels_(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_), fill) {}

GrayImage to_gray(const ImageView& image) {
  if (image.empty()) return {};
  GrayImage gray(image.width, image.height);
  const int channels = bytes_per_pixel(image.format);
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* source = image.data + static_cast<std::ptrdiff_t>(y) * image.stride();
    std::uint8_t* target = gray.row(y);
    if (image.format == PixelFormat::Gray) {
      for (int x = 0; x < image.width; ++x) target[x] = source[x];
      continue;
    }
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* pixel = source + x * channels;
      // 0.299 R + 0.587 G + 0.114 B in fixed point, rounded.
      target[x] =
          static_cast<std::uint8_t>((306u * pixel[0] + 601u * pixel[1] + 117u * pixel[2] + 512u) >> 10);
    }
  }
  return gray;
}

}  // namespace kiosk::drivers
