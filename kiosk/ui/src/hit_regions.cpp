#include "kiosk/ui/hit_regions.hpp"

namespace kiosk::ui {

std::optional<Rect> HitRegions::find(const std::string& id) const {
  auto it = rects_.find(id);
  if (it == rects_.end()) return std::nullopt;
  return it->second;
}

}  // namespace kiosk::ui
