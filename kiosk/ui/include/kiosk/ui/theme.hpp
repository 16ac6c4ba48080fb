#pragma once
// Fonts and style for a touchscreen: big text, big targets, high contrast.

#include <filesystem>
#include <string>

#include "kiosk/core/expected.hpp"

struct ImFont;

namespace kiosk::ui {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* title = nullptr;
  ImFont* small = nullptr;
};

enum class ThemeErrc { FontMissing, FontUnusable };

struct ThemeError {
  ThemeErrc code;
  std::string detail;
};

// Loads the TTF at three sizes into the current ImGui context's atlas, with the French glyphs
// that ImGui's default range lacks (œ, ’, €, dashes, ellipsis) and the answer marks (✓, ✗). Call
// before the first frame.
Expected<Fonts, ThemeError> load_fonts(const std::filesystem::path& ttf, float scale);

// Colours, padding and rounding sized for fingers rather than a mouse.
void apply_kiosk_style(float scale);

}  // namespace kiosk::ui
