#pragma once
// Touch-sized building blocks shared by the screens.

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/language.hpp"

#include "kiosk/ui/hit_regions.hpp"
#include "kiosk/ui/palette.hpp"

namespace kiosk::ui {

inline ImU32 imgui_colour(palette::Rgb c) {
  return IM_COL32(c.r, c.g, c.b, 255);
}

// Records the last item ImGui drew under `id`, with the words the client reads on it.
void record_last_item(HitRegions& hits, const std::string& id, std::string_view label);

// A button at least 96 px tall that records where it was drawn under `id`.
bool touch_button(HitRegions& hits, const char* id, std::string_view label, ImVec2 size);

// Text centred in the window's width, wrapped to `wrap_width` when positive.
void centered_text(ImFont* font, std::string_view text, float wrap_width = 0.0f);

// The width of the wider marked answer ("✓ Yes", "✗ No") in the current font.
float widest_answer(Language lang);

// A button drawn as selected (filled) or not (outlined), for yes/no choices.
bool choice_button(HitRegions& hits, const char* id, std::string_view label, bool selected, ImVec2 size);

// The top-right switch to the other language. Returns the language touched, if any.
std::optional<Language> language_toggle(HitRegions& hits, Language current);

// A left-aligned title and one line beneath it, with the language switch at the top right.
// Returns the language touched, if any.
std::optional<Language> screen_header(HitRegions& hits, Language current, ImFont* title_font,
                                      std::string_view title, ImFont* line_font, std::string_view line);

// Lets a finger drag the current scrolling region, as on a phone: ImGui 1.86 scrolls by
// wheel and scrollbar only. Returns true while a drag is moving the content.
bool drag_to_scroll();

// Call just inside a scrolling child: the first time it is drawn for a new client (`serial`),
// it starts at its top, not where the last client left it.
void scroll_to_top_for_new_client(std::uint64_t serial);

// Full-window, undecorated, unmovable: a kiosk has no window chrome.
void begin_fullscreen_window(const char* name);

}  // namespace kiosk::ui
