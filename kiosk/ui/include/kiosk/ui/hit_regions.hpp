#pragma once
// Where each named touch target was drawn in the last frame, and the words on it. Tests and the
// tour tap targets by name instead of by hard-coded coordinates, so layouts can change without
// breaking them; tests read the words a client sees (an answer's mark, say) the same way, and
// check from the same record that nothing is clipped at any display size.

#include <map>
#include <optional>
#include <string>

namespace kiosk::ui {

struct Rect {
  float x, y, w, h;
  float center_x() const { return x + w / 2; }
  float center_y() const { return y + h / 2; }
  float right() const { return x + w; }
  float bottom() const { return y + h; }
};

struct HitRegion {
  Rect rect{};
  // The words drawn there, as the client reads them (no ImGui "##id" suffix), and their size in
  // the font they were drawn in.
  std::string label;
  float label_width = 0;
  float label_height = 0;
  // What the region's window shows: a scrolling list shows only part of its rows.
  Rect visible_area{};
  bool scrolls = false;
  // A button, not words recorded for tests to read.
  bool touch = true;
};

class HitRegions {
 public:
  void clear() { regions_.clear(); }
  void record(std::string id, HitRegion region);
  std::optional<Rect> find(const std::string& id) const;
  std::optional<std::string> label(const std::string& id) const;
  const std::map<std::string, HitRegion>& all() const { return regions_; }

 private:
  std::map<std::string, HitRegion> regions_;
};

}  // namespace kiosk::ui
