#include <catch2/catch.hpp>

#include <stb_image_write.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kiosk/drivers/decode/image_file.hpp"
#include "scratch_dir.hpp"

using namespace kiosk::drivers;
namespace fs = std::filesystem;

namespace {

// Paths for stb's writers and the loader.
struct ImageFolder : ScratchDir {
  ImageFolder() : ScratchDir("kiosk-image-file") {}
  fs::path file(const std::string& name) const { return *this / name; }
};

void write_bytes(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A 16x8 test card: a horizontal ramp with a dark square.
std::vector<std::uint8_t> test_card() {
  std::vector<std::uint8_t> pixels(16 * 8);
  for (int y = 0; y < 8; ++y) {
    for (int x = 0; x < 16; ++x)
      pixels[static_cast<std::size_t>(y * 16 + x)] = static_cast<std::uint8_t>(x * 16);
  }
  for (int y = 2; y < 6; ++y) {
    for (int x = 2; x < 6; ++x) pixels[static_cast<std::size_t>(y * 16 + x)] = 255;
  }
  return pixels;
}

}  // namespace

TEST_CASE("PNG and binary PGM files load pixel for pixel, JPEG within its loss") {
  const ImageFolder folder;
  const auto card = test_card();
  REQUIRE(stbi_write_png(folder.file("card.png").c_str(), 16, 8, 1, card.data(), 16) != 0);
  REQUIRE(stbi_write_jpg(folder.file("card.jpg").c_str(), 16, 8, 1, card.data(), 95) != 0);
  write_bytes(folder.file("card.pgm"),
              "P5\n# a comment\n16 8\n255\n" + std::string(card.begin(), card.end()));

  auto png = load_gray_image(folder.file("card.png"));
  REQUIRE(png);
  CHECK(png->width() == 16);
  CHECK(png->height() == 8);
  CHECK(png->pixels() == card);

  auto pgm = load_gray_image(folder.file("card.pgm"));
  REQUIRE(pgm);
  CHECK(pgm->pixels() == card);

  auto jpeg = load_gray_image(folder.file("card.jpg"));
  REQUIRE(jpeg);
  REQUIRE(jpeg->pixels().size() == card.size());
  for (std::size_t i = 0; i < card.size(); ++i) {
    INFO("pixel " << i);
    CHECK(std::abs(jpeg->pixels()[i] - card[i]) <= 24);
  }
}

TEST_CASE("A colour PNG comes out grey with the same weights as a colour camera frame") {
  const ImageFolder folder;
  const std::uint8_t rgb[] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 40, 80, 120};
  REQUIRE(stbi_write_png(folder.file("colour.png").c_str(), 4, 1, 3, rgb, 12) != 0);
  auto image = load_gray_image(folder.file("colour.png"));
  REQUIRE(image);
  CHECK(image->pixels() == to_gray({rgb, 4, 1, PixelFormat::Rgb, 0}).pixels());
  CHECK(image->at(1, 0) == 150);
}

TEST_CASE("Missing, damaged and foreign files are errors with their own codes") {
  const ImageFolder folder;
  auto missing = load_gray_image(folder.file("nothing-here.png"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ImageErrc::Unreadable);
  CHECK(to_string(missing.error().code) == "unreadable-image");
  CHECK(missing.error().message().find("nothing-here.png") != std::string::npos);

  auto folder_itself = load_gray_image(folder.file(""));
  REQUIRE_FALSE(folder_itself);
  CHECK(folder_itself.error().code == ImageErrc::Unreadable);

  write_bytes(folder.file("payload.txt"), "@\n\x1e\rANSI 636012090002DL00410278");
  auto text = load_gray_image(folder.file("payload.txt"));
  REQUIRE_FALSE(text);
  CHECK(text.error().code == ImageErrc::UnsupportedFormat);
  CHECK(to_string(text.error().code) == "unsupported-image-format");

  // GIF is one of stb's formats, but not one a kiosk reads.
  write_bytes(folder.file("old.gif"), "GIF89a\x01\x00\x01\x00\x00\x00\x00;");
  CHECK(load_gray_image(folder.file("old.gif")).error().code == ImageErrc::UnsupportedFormat);

  const auto card = test_card();
  REQUIRE(stbi_write_png(folder.file("card.png").c_str(), 16, 8, 1, card.data(), 16) != 0);
  const std::string whole = read_bytes(folder.file("card.png"));
  write_bytes(folder.file("cut.png"), whole.substr(0, whole.size() / 2));
  auto cut = load_gray_image(folder.file("cut.png"));
  REQUIRE_FALSE(cut);
  CHECK(cut.error().code == ImageErrc::Unreadable);
}

TEST_CASE("An image larger than any camera frame is refused before it is decoded") {
  // A PGM header announcing 20000 x 20000 pixels, and no pixels.
  const std::string header = "P5\n20000 20000\n255\n";
  auto huge =
      decode_gray_image({reinterpret_cast<const std::uint8_t*>(header.data()), header.size()}, "huge.pgm");
  REQUIRE_FALSE(huge);
  CHECK(huge.error().code == ImageErrc::TooLarge);
  CHECK(to_string(huge.error().code) == "image-too-large");
}

TEST_CASE("A truncated PGM or PPM is refused instead of read past its data") {
  const ImageFolder folder;
  const auto card = test_card();
  const std::string pixels(card.begin(), card.end());
  for (std::size_t kept : {std::size_t{0}, std::size_t{1}, pixels.size() / 2, pixels.size() - 1}) {
    INFO("pixel bytes kept: " << kept);
    write_bytes(folder.file("cut.pgm"), "P5\n16 8\n255\n" + pixels.substr(0, kept));
    auto cut = load_gray_image(folder.file("cut.pgm"));
    REQUIRE_FALSE(cut);
    CHECK(cut.error().code == ImageErrc::Unreadable);
    CHECK(cut.error().detail.find("declares") != std::string::npos);
  }
  write_bytes(folder.file("cut.ppm"), "P6\n16 8\n255\n" + pixels);  // a third of what RGB needs
  CHECK(load_gray_image(folder.file("cut.ppm")).error().code == ImageErrc::Unreadable);
  // Damaged headers.
  for (const char* header :
       {"P5\n16\n", "P5\n16 8 255", "P5\n-16 8\n255\n", "P5\n16 8\n0\n", "P5\n16 8\n70000\n"}) {
    INFO(header);
    write_bytes(folder.file("bad.pgm"), std::string(header) + pixels);
    CHECK(load_gray_image(folder.file("bad.pgm")).error().code == ImageErrc::Unreadable);
  }
}

TEST_CASE("PGM and PPM with 16-bit samples or another maximum come out on 0-255") {
  const ImageFolder folder;
  std::string wide = "P5\n3 1\n65535\n";
  for (unsigned sample : {0u, 32768u, 65535u})
    wide += {static_cast<char>(sample >> 8), static_cast<char>(sample & 0xFF)};
  write_bytes(folder.file("wide.pgm"), wide);
  auto image = load_gray_image(folder.file("wide.pgm"));
  REQUIRE(image);
  CHECK(image->pixels() == std::vector<std::uint8_t>{0, 128, 255});

  write_bytes(folder.file("small-range.pgm"), std::string("P5\n2 1\n15\n") + '\x00' + '\x0f');
  CHECK(load_gray_image(folder.file("small-range.pgm"))->pixels() == std::vector<std::uint8_t>{0, 255});

  const std::uint8_t rgb[] = {255, 0, 0, 0, 255, 0};
  write_bytes(folder.file("colour.ppm"), "P6 2 1 255\n" + std::string(std::begin(rgb), std::end(rgb)));
  CHECK(load_gray_image(folder.file("colour.ppm"))->pixels() ==
        to_gray({rgb, 2, 1, PixelFormat::Rgb, 0}).pixels());
}

TEST_CASE("A file's size and kind are checked before it is read whole") {
  const ImageFolder folder;
  // Sparse files: the size is there without the bytes having to be written.
  write_bytes(folder.file("huge.png"), "\x89PNG\r\n\x1a\n");
  fs::resize_file(folder.file("huge.png"), max_image_file_bytes + 1);
  auto huge = load_gray_image(folder.file("huge.png"));
  REQUIRE_FALSE(huge);
  CHECK(huge.error().code == ImageErrc::TooLarge);

  write_bytes(folder.file("video.mp4"),
              "\x00\x00\x00\x18"
              "ftypmp42");
  fs::resize_file(folder.file("video.mp4"), max_image_file_bytes / 2);
  CHECK(load_gray_image(folder.file("video.mp4")).error().code == ImageErrc::UnsupportedFormat);

  auto in_memory = decode_gray_image({reinterpret_cast<const std::uint8_t*>("P5"), 2}, "two bytes");
  CHECK(in_memory.error().code == ImageErrc::Unreadable);
}

TEST_CASE("A 6300 x 6300 picture is refused from its header, whatever its format") {
  const ImageFolder folder;
  write_bytes(folder.file("stripes.pgm"), "P5\n6300 6300\n255\n");
  CHECK(load_gray_image(folder.file("stripes.pgm")).error().code == ImageErrc::TooLarge);
  // A small PNG whose header is rewritten to claim 6300 x 6300 (stb does not check the CRC).
  const auto card = test_card();
  REQUIRE(stbi_write_png(folder.file("card.png").c_str(), 16, 8, 1, card.data(), 16) != 0);
  std::string png = read_bytes(folder.file("card.png"));
  const std::string size = {'\x00', '\x00', '\x18', '\x9c'};  // 6300, big-endian
  png.replace(16, 4, size);
  png.replace(20, 4, size);
  write_bytes(folder.file("stripes.png"), png);
  auto refused = load_gray_image(folder.file("stripes.png"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ImageErrc::TooLarge);
  CHECK(refused.error().detail.find("6300x6300") != std::string::npos);
}
