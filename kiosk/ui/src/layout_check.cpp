#include "kiosk/ui/layout_check.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk::ui {
namespace {

// Half a pixel: ImGui places items on fractional coordinates.
constexpr float kSlack = 0.5f;

std::string describe(const Rect& r) {
  char text[96];
  std::snprintf(text, sizeof text, "(%.0f,%.0f %.0fx%.0f)", static_cast<double>(r.x),
                static_cast<double>(r.y), static_cast<double>(r.w), static_cast<double>(r.h));
  return text;
}

bool inside(const Rect& inner, const Rect& outer) {
  return inner.x >= outer.x - kSlack && inner.y >= outer.y - kSlack &&
         inner.right() <= outer.right() + kSlack && inner.bottom() <= outer.bottom() + kSlack;
}

Rect intersection(const Rect& a, const Rect& b) {
  const float x = std::max(a.x, b.x);
  const float y = std::max(a.y, b.y);
  const float right = std::min(a.right(), b.right());
  const float bottom = std::min(a.bottom(), b.bottom());
  return Rect{x, y, std::max(0.0f, right - x), std::max(0.0f, bottom - y)};
}

bool shown(const HitRegion& region) {
  const Rect part = intersection(region.rect, region.visible_area);
  return part.w > kSlack && part.h > kSlack;
}

}  // namespace

std::vector<std::string> find_layout_problems(const HitRegions& hits, const LayoutRules& rules) {
  std::vector<std::string> problems;
  const Rect window{0, 0, rules.window_width, rules.window_height};
  for (const auto& [id, region] : hits.all()) {
    const Rect& r = region.rect;
    if (!inside(region.visible_area, window)) {
      problems.push_back(id + ": its list " + describe(region.visible_area) + " leaves the window");
    }
    // A row scrolled out of its list, above or below, is not clipped: a finger brings it back.
    // Every row is still checked sideways, and for its words and its height.
    const Rect area =
        region.scrolls ? Rect{region.visible_area.x, r.y, region.visible_area.w, r.h} : region.visible_area;
    const Rect screen = region.scrolls ? Rect{window.x, r.y, window.w, r.h} : window;
    if (!inside(r, area) || !inside(r, screen)) {
      problems.push_back(id + ": " + describe(r) + " is cut by the edge of " + describe(area));
    }
    if (region.label_width > r.w + kSlack || region.label_height > r.h + kSlack) {
      problems.push_back(id + ": the words \"" + region.label + "\" are larger than " + describe(r));
    }
    if (!region.touch) continue;
    if (r.h < rules.min_target_height - kSlack) {
      problems.push_back(id + ": " + describe(r) + " is too short for a finger");
    }
    if (region.label_width + 2 * rules.min_label_margin > r.w + kSlack) {
      problems.push_back(id + ": the words \"" + region.label + "\" touch the edges of " + describe(r));
    }
  }
  // Each pair once, by their parts on screen: a button over a button or over words.
  for (auto a = hits.all().begin(); a != hits.all().end(); ++a) {
    if (!shown(a->second)) continue;
    for (auto b = std::next(a); b != hits.all().end(); ++b) {
      if (!shown(b->second) || (!a->second.touch && !b->second.touch)) continue;
      const Rect overlap = intersection(intersection(a->second.rect, a->second.visible_area),
                                        intersection(b->second.rect, b->second.visible_area));
      if (overlap.w > kSlack && overlap.h > kSlack) {
        problems.push_back(a->first + " " + describe(a->second.rect) + " overlaps " + b->first + " " +
                           describe(b->second.rect));
      }
    }
  }
  return problems;
}

}  // namespace kiosk::ui
