#pragma once
// Touch-sized building blocks shared by the screens.

#include <imgui.h>

#include <cstdint>
#include <initializer_list>
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

// The display's layout scale (kiosk/ui/layout.hpp), from the window being drawn.
float ui_scale();
// A length of the 1280x800 design at this display's scale.
inline float px(float design) {
  return design * ui_scale();
}
inline ImVec2 px(float design_x, float design_y) {
  return ImVec2(px(design_x), px(design_y));
}
// Narrower than tall: side-by-side layouts stack.
bool portrait();
// The shortest touch target (96 design px: over 9 mm on any kiosk panel).
float min_touch_height();

enum class Recorded { Touch, Words };
// Records the last item ImGui drew under `id`, with the words the client reads on it.
void record_last_item(HitRegions& hits, const std::string& id, std::string_view label,
                      Recorded kind = Recorded::Touch);

// A button at least min_touch_height() tall that records where it was drawn under `id`.
bool touch_button(HitRegions& hits, const char* id, std::string_view label, ImVec2 size);

// Buttons of one height sharing a width: side by side when every label fits its share with the
// frame's padding, else one full-width button a row (a portrait display, a long French label).
struct RowButton {
  const char* id;
  std::string_view label;
  float share = 1;  // of the row's width, against the other buttons' shares
};
float button_row_height(std::initializer_list<RowButton> buttons, float width, float height);
// Draws from the cursor's x; returns the index of the button pressed.
std::optional<std::size_t> button_row(HitRegions& hits, std::initializer_list<RowButton> buttons, float width,
                                      float height);

// Text centred in the window's width, wrapped to `wrap_width` when positive. With `hits`, the
// block is recorded under `id` as words, so a layout check finds a button drawn over it.
void centered_text(ImFont* font, std::string_view text, float wrap_width = 0.0f, HitRegions* hits = nullptr,
                   const char* id = nullptr);

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

// Full-window, undecorated, unmovable: a kiosk has no window chrome. `reserved_bottom` pixels
// are left below it for a banner, so the screen lays itself out above the banner.
void begin_fullscreen_window(const char* name, float reserved_bottom = 0.0f);
// Call just inside a scrolling child: the first time it is drawn for a new client (`serial`),
// it starts at its top, not where the last client left it.
void scroll_to_top_for_new_client(std::uint64_t serial);

}  // namespace kiosk::ui
