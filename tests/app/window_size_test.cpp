#include <catch2/catch.hpp>

#include "kiosk/app/window_size.hpp"

using namespace kiosk;

TEST_CASE("a window size reads WIDTHxHEIGHT for landscape and portrait displays") {
  const auto [text, width, height] = GENERATE(table<const char*, int, int>({
      {"1280x800", 1280, 800},
      {"1920x1080", 1920, 1080},
      {"1080x1920", 1080, 1920},
      {"480x7680", 480, 7680},
  }));
  INFO(text);
  auto size = parse_window_size(text);
  REQUIRE(size.has_value());
  CHECK(size->width == width);
  CHECK(size->height == height);
}

TEST_CASE("a window size refuses a malformed size and says what it takes") {
  const char* text = GENERATE("", "1280", "1280x", "x800", "1280*800", "1280X800", "1280x800x2", "-1280x800",
                              "+1280x800", " 1280x800", "1280x800 ", "12.5x800", "axb", "99999999999x800");
  INFO('"' << text << '"');
  auto size = parse_window_size(text);
  REQUIRE_FALSE(size.has_value());
  CHECK(size.error().code == WindowSizeErrc::BadForm);
  CHECK(size.error().message.find("WIDTHxHEIGHT") != std::string::npos);
}

TEST_CASE("a window size refuses a size no kiosk screen has") {
  const char* text = GENERATE("0x0", "479x800", "1280x479", "7681x1080", "1080x7681", "10x10");
  INFO(text);
  auto size = parse_window_size(text);
  REQUIRE_FALSE(size.has_value());
  CHECK(size.error().code == WindowSizeErrc::OutOfRange);
  CHECK(size.error().message.find("from 480 to 7680") != std::string::npos);
}
