#include "kiosk/drivers/decode/image_file.hpp"

#include <stb_image.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <system_error>
#include <vector>

#include "pnm_image.hpp"

namespace kiosk::drivers {
namespace {

enum class FileKind { Png, Jpeg, Pnm, Other };

// Only the formats a camera or a test writes are handed to stb_image: its rarer decoders (PSD,
// HDR, PIC, TGA) have the worst record, and a kiosk never needs them.
constexpr std::size_t kMagicBytes = 8;

FileKind sniff(std::span<const std::uint8_t> bytes) {
  auto starts_with = [&](std::initializer_list<std::uint8_t> magic) {
    return bytes.size() >= magic.size() && std::equal(magic.begin(), magic.end(), bytes.begin());
  };
  if (starts_with({0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) return FileKind::Png;
  if (starts_with({0xff, 0xd8, 0xff})) return FileKind::Jpeg;
  if (starts_with({'P', '5'}) || starts_with({'P', '6'})) return FileKind::Pnm;
  return FileKind::Other;
}

Unexpected<ImageError> failure(ImageErrc code, std::string_view source, std::string detail) {
  return fail(ImageError{code, std::string(source), std::move(detail)});
}

}  // namespace

std::string_view to_string(ImageErrc code) {
  switch (code) {
    case ImageErrc::Unreadable: return "unreadable-image";
    case ImageErrc::UnsupportedFormat: return "unsupported-image-format";
    case ImageErrc::TooLarge: return "image-too-large";
  }
  return "unreadable-image";
}

std::string ImageError::message() const {
  return source + ": " + detail;
}

Expected<GrayImage, ImageError> decode_gray_image(std::span<const std::uint8_t> encoded,
                                                  std::string_view source_name) {
  const FileKind kind = sniff(encoded);
  if (kind == FileKind::Other) {
    return failure(ImageErrc::UnsupportedFormat, source_name, "not a PNG, JPEG or binary PGM/PPM image");
  }
  if (encoded.size() > max_image_file_bytes) {
    return failure(ImageErrc::TooLarge, source_name,
                   std::to_string(encoded.size()) + " bytes is more than any camera frame");
  }
  if (kind == FileKind::Pnm) {
    auto image = decode_pnm(encoded, max_image_pixels);
    if (image) return std::move(image).value();
    const ImageErrc code =
        image.error().code == PnmErrc::TooLarge ? ImageErrc::TooLarge : ImageErrc::Unreadable;
    return failure(code, source_name, image.error().detail);
  }
  const int length = static_cast<int>(encoded.size());
  int width = 0;
  int height = 0;
  int channels = 0;
  if (stbi_info_from_memory(encoded.data(), length, &width, &height, &channels) == 0) {
    return failure(ImageErrc::Unreadable, source_name,
                   std::string("damaged image: ") + stbi_failure_reason());
  }
  if (static_cast<std::int64_t>(width) * height > max_image_pixels) {
    return failure(
        ImageErrc::TooLarge, source_name,
        std::to_string(width) + "x" + std::to_string(height) + " pixels is more than a camera frame");
  }
  // Colour goes through to_gray so that a file and a live frame of the same scene read alike.
  const int wanted = channels <= 2 ? 1 : 3;
  std::unique_ptr<stbi_uc, decltype(&stbi_image_free)> pixels(
      stbi_load_from_memory(encoded.data(), length, &width, &height, &channels, wanted), &stbi_image_free);
  if (!pixels) {
    return failure(ImageErrc::Unreadable, source_name,
                   std::string("damaged image: ") + stbi_failure_reason());
  }
  return to_gray({pixels.get(), width, height, wanted == 1 ? PixelFormat::Gray : PixelFormat::Rgb, 0});
}

Expected<GrayImage, ImageError> load_gray_image(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return failure(ImageErrc::Unreadable, file.string(), ec ? ec.message() : "not a regular file");
  }
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) return failure(ImageErrc::Unreadable, file.string(), ec.message());
  if (size > max_image_file_bytes) {
    return failure(ImageErrc::TooLarge, file.string(),
                   std::to_string(size) + " bytes is more than any camera frame");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return failure(ImageErrc::Unreadable, file.string(), "cannot open the file");
  // The magic first: a file of another kind is refused without reading the rest of it.
  std::vector<std::uint8_t> bytes(kMagicBytes);
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (sniff(bytes) == FileKind::Other) {
    return failure(ImageErrc::UnsupportedFormat, file.string(), "not a PNG, JPEG or binary PGM/PPM image");
  }
  const std::size_t magic = bytes.size();
  bytes.resize(std::max<std::size_t>(magic, static_cast<std::size_t>(size)));
  in.read(reinterpret_cast<char*>(bytes.data() + magic), static_cast<std::streamsize>(bytes.size() - magic));
  if (in.bad()) return failure(ImageErrc::Unreadable, file.string(), "cannot read the file");
  // A file that shrank since its size was taken is what is left of it.
  bytes.resize(magic + static_cast<std::size_t>(in.gcount()));
  return decode_gray_image(bytes, file.string());
}

}  // namespace kiosk::drivers
