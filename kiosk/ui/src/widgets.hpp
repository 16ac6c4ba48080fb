#pragma once
// Touch-sized building blocks shared by the screens.

#include <imgui.h>

#include <string_view>

#include "kiosk/ui/hit_regions.hpp"

namespace kiosk::ui {

// A button at least 96 px tall that records where it was drawn under `id`.
bool touch_button(HitRegions& hits, const char* id, std::string_view label, ImVec2 size);

// Text centred in the window's width, wrapped to `wrap_width` when positive.
void centered_text(ImFont* font, std::string_view text, float wrap_width = 0.0f);

// Full-window, undecorated, unmovable: a kiosk has no window chrome.
void begin_fullscreen_window(const char* name);

}  // namespace kiosk::ui
