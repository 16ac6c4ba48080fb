#pragma once
// Where each named touch target was drawn in the last frame. Tests and the tour tap targets by
// name instead of by hard-coded coordinates, so layouts can change without breaking them.

#include <map>
#include <optional>
#include <string>

namespace kiosk::ui {

struct Rect {
  float x, y, w, h;
  float center_x() const { return x + w / 2; }
  float center_y() const { return y + h / 2; }
};

class HitRegions {
 public:
  void clear() { rects_.clear(); }
  void record(std::string id, Rect rect) { rects_[std::move(id)] = rect; }
  std::optional<Rect> find(const std::string& id) const;
  const std::map<std::string, Rect>& all() const { return rects_; }

 private:
  std::map<std::string, Rect> rects_;
};

}  // namespace kiosk::ui
