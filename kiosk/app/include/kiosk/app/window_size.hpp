#pragma once
// `kiosk --size WxH`: the window size asked for on the command line, checked before any window opens.

#include <string>
#include <string_view>

#include "kiosk/core/expected.hpp"

namespace kiosk {

struct WindowSize {
  int width = 0;
  int height = 0;
};

// Smaller than this, a touch target and its words no longer fit; larger is no screen sold (8K).
inline constexpr int kMinWindowSide = 480;
inline constexpr int kMaxWindowSide = 7680;

enum class WindowSizeErrc { BadForm, OutOfRange };

struct WindowSizeError {
  WindowSizeErrc code;
  std::string message;  // says what was given and what is accepted
};

// "1080x1920": width, then height, in pixels, each from kMinWindowSide to kMaxWindowSide.
Expected<WindowSize, WindowSizeError> parse_window_size(std::string_view text);

}  // namespace kiosk
