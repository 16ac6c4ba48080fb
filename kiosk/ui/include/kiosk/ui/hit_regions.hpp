#pragma once
// Where each named touch target was drawn in the last frame, and the words on it. Tests and the
// tour tap targets by name instead of by hard-coded coordinates, so layouts can change without
// breaking them; tests read the words a client sees (an answer's mark, say) the same way.

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
  void record(std::string id, Rect rect, std::string label = {});
  std::optional<Rect> find(const std::string& id) const;
  // The words drawn there, as the client reads them (no ImGui "##id" suffix).
  std::optional<std::string> label(const std::string& id) const;

 private:
  struct Region {
    Rect rect;
    std::string label;
  };
  std::map<std::string, Region> rects_;
};

}  // namespace kiosk::ui
