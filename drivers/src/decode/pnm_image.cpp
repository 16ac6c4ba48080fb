#include "pnm_image.hpp"

#include <algorithm>
#include <optional>
#include <vector>

namespace kiosk::drivers {
namespace {

bool is_space(std::uint8_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

class HeaderReader {
 public:
  explicit HeaderReader(std::span<const std::uint8_t> bytes) : bytes_(bytes), pos_(2) {}

  // A decimal number after whitespace and '#' comments; nothing when there is none or it is
  // larger than any PNM field can be.
  std::optional<int> number() {
    skip_space_and_comments();
    const std::size_t start = pos_;
    long long value = 0;
    while (pos_ < bytes_.size() && bytes_[pos_] >= '0' && bytes_[pos_] <= '9') {
      value = value * 10 + (bytes_[pos_++] - '0');
      if (value > 1'000'000) return std::nullopt;
    }
    if (pos_ == start) return std::nullopt;
    return static_cast<int>(value);
  }

  // After the last header field comes exactly one whitespace byte, then the pixels.
  std::optional<std::size_t> data_start() {
    if (pos_ >= bytes_.size() || !is_space(bytes_[pos_])) return std::nullopt;
    return pos_ + 1;
  }

 private:
  void skip_space_and_comments() {
    while (pos_ < bytes_.size()) {
      if (is_space(bytes_[pos_])) {
        ++pos_;
      } else if (bytes_[pos_] == '#') {
        while (pos_ < bytes_.size() && bytes_[pos_] != '\n' && bytes_[pos_] != '\r') ++pos_;
      } else {
        return;
      }
    }
  }

  std::span<const std::uint8_t> bytes_;
  std::size_t pos_;
};

}  // namespace

std::size_t PnmHeader::data_bytes() const {
  const std::size_t sample = max_value > 255 ? 2 : 1;
  return static_cast<std::size_t>(width) * static_cast<std::size_t>(height) *
         static_cast<std::size_t>(channels) * sample;
}

Expected<PnmHeader, PnmError> read_pnm_header(std::span<const std::uint8_t> bytes, std::int64_t max_pixels) {
  if (bytes.size() < 2 || bytes[0] != 'P' || (bytes[1] != '5' && bytes[1] != '6')) {
    return fail(PnmError{PnmErrc::Malformed, "not a binary PGM/PPM file"});
  }
  HeaderReader reader(bytes);
  PnmHeader header;
  header.channels = bytes[1] == '5' ? 1 : 3;
  const auto width = reader.number();
  const auto height = reader.number();
  const auto max_value = reader.number();
  const auto data = reader.data_start();
  if (!width || !height || !max_value || !data || *width <= 0 || *height <= 0 || *max_value <= 0 ||
      *max_value > 65535) {
    return fail(PnmError{PnmErrc::Malformed, "damaged PGM/PPM header"});
  }
  if (static_cast<std::int64_t>(*width) * *height > max_pixels) {
    return fail(PnmError{PnmErrc::TooLarge, std::to_string(*width) + "x" + std::to_string(*height) +
                                                " pixels is more than a camera frame"});
  }
  header.width = *width;
  header.height = *height;
  header.max_value = *max_value;
  header.data = *data;
  return header;
}

Expected<GrayImage, PnmError> decode_pnm(std::span<const std::uint8_t> bytes, std::int64_t max_pixels) {
  auto header = read_pnm_header(bytes, max_pixels);
  if (!header) return fail(std::move(header).error());
  if (bytes.size() - header->data < header->data_bytes()) {
    return fail(PnmError{PnmErrc::Truncated, "the file holds " + std::to_string(bytes.size() - header->data) +
                                                 " pixel bytes of the " +
                                                 std::to_string(header->data_bytes()) +
                                                 " its header declares"});
  }
  const bool wide = header->max_value > 255;
  const std::size_t samples = header->data_bytes() / (wide ? 2 : 1);
  std::vector<std::uint8_t> levels(samples);
  const std::uint8_t* data = bytes.data() + header->data;
  const auto max_value = static_cast<unsigned>(header->max_value);
  for (std::size_t i = 0; i < samples; ++i) {
    const unsigned sample = wide ? (unsigned{data[2 * i]} << 8) | data[2 * i + 1] : data[i];
    // Scaled to 0-255 whatever the file's range, rounded; samples above the range are clamped.
    levels[i] = static_cast<std::uint8_t>((std::min(sample, max_value) * 255u + max_value / 2) / max_value);
  }
  return to_gray({levels.data(), header->width, header->height,
                  header->channels == 1 ? PixelFormat::Gray : PixelFormat::Rgb, 0});
}

}  // namespace kiosk::drivers
