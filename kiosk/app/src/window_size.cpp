#include "kiosk/app/window_size.hpp"

#include <charconv>

namespace kiosk {
namespace {

// Digits only: from_chars alone would take a sign, and "+1280" or " 1280" are typos, not sizes.
bool read_side(std::string_view digits, int& out) {
  if (digits.empty() || digits.size() > 5) return false;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return error == std::errc{} && end == digits.data() + digits.size();
}

}  // namespace

Expected<WindowSize, WindowSizeError> parse_window_size(std::string_view text) {
  const std::string given(text);
  const auto cross = text.find('x');
  WindowSize size;
  if (cross == std::string_view::npos || !read_side(text.substr(0, cross), size.width) ||
      !read_side(text.substr(cross + 1), size.height)) {
    return fail(
        WindowSizeError{WindowSizeErrc::BadForm,
                        "--size takes WIDTHxHEIGHT in pixels, such as 1080x1920, not \"" + given + "\""});
  }
  if (size.width < kMinWindowSide || size.height < kMinWindowSide || size.width > kMaxWindowSide ||
      size.height > kMaxWindowSide) {
    return fail(WindowSizeError{WindowSizeErrc::OutOfRange, "--size " + given + ": each side must be from " +
                                                                std::to_string(kMinWindowSide) + " to " +
                                                                std::to_string(kMaxWindowSide) + " pixels"});
  }
  return size;
}

}  // namespace kiosk
