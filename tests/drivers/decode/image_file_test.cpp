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
