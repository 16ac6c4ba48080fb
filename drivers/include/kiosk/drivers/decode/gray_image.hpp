#pragma once
// The pixel types of the decoding path. Callers hand in an ImageView over their own buffer (a
// camera frame, a decoded file); everything inside works on one owned 8-bit GrayImage, because
// PDF417 carries no colour and one layout keeps every image operation simple.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kiosk::drivers {

// The most pixels the decoding path accepts in one picture (4096 x 4096): bigger frames are
// refused before any work, which bounds the memory and time one picture can cost.
inline constexpr std::int64_t kMaxFramePixels = std::int64_t{4096} * 4096;

enum class PixelFormat {
  Gray,  // 1 byte per pixel
  Rgb,   // 3 bytes per pixel, R G B
  Rgba,  // 4 bytes per pixel, R G B A (alpha ignored)
};

int bytes_per_pixel(PixelFormat format);

// A view of pixels someone else owns; it must outlive every call it is passed to.
struct ImageView {
  const std::uint8_t* data = nullptr;
  int width = 0;
  int height = 0;
  PixelFormat format = PixelFormat::Gray;
  int row_stride = 0;  // bytes from one row to the next; 0 means tightly packed

  int stride() const { return row_stride != 0 ? row_stride : width * bytes_per_pixel(format); }
  bool empty() const { return data == nullptr || width <= 0 || height <= 0; }
};

class GrayImage {
 public:
  GrayImage() = default;
  GrayImage(int width, int height, std::uint8_t fill = 0);

  int width() const { return width_; }
  int height() const { return height_; }
  bool empty() const { return width_ <= 0 || height_ <= 0; }

  std::uint8_t at(int x, int y) const { return pixels_[index(x, y)]; }
  std::uint8_t& at(int x, int y) { return pixels_[index(x, y)]; }
  const std::uint8_t* row(int y) const { return pixels_.data() + index(0, y); }
  std::uint8_t* row(int y) { return pixels_.data() + index(0, y); }
  const std::vector<std::uint8_t>& pixels() const { return pixels_; }

  ImageView view() const { return {pixels_.data(), width_, height_, PixelFormat::Gray, width_}; }

 private:
  std::size_t index(int x, int y) const {
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x);
  }

  int width_ = 0;
  int height_ = 0;
  std::vector<std::uint8_t> pixels_;
};

// Luminance with the Rec. 601 weights cameras and ZXing use, so a colour frame reads the same as
// its grey version.
GrayImage to_gray(const ImageView& image);

}  // namespace kiosk::drivers
