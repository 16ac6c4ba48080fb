#pragma once
// Whether a drawn screen fits its display: read from the hit regions of one frame, so tests and
// the tour check every screen at every size the same way.

#include <string>
#include <vector>

#include "kiosk/ui/hit_regions.hpp"

namespace kiosk::ui {

struct LayoutRules {
  float window_width = 0;
  float window_height = 0;
  // A finger needs this much: the screens' button height floor at the display's scale.
  float min_target_height = 0;
  // Room a button's words keep from each of its edges.
  float min_label_margin = 0;
};

// One line per problem, naming the region: drawn outside the window or cut by its list's edge
// (a list that scrolls may hide rows above and below, never sideways), a touch target over another
// or over recorded words (a title),
// a target too small for a finger, or words wider or taller than their button.
std::vector<std::string> find_layout_problems(const HitRegions& hits, const LayoutRules& rules);

}  // namespace kiosk::ui
