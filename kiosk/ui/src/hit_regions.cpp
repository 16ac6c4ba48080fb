#include "kiosk/ui/hit_regions.hpp"

namespace kiosk::ui {

void HitRegions::record(std::string id, Rect rect, std::string label) {
  rects_[std::move(id)] = Region{rect, std::move(label)};
}

std::optional<Rect> HitRegions::find(const std::string& id) const {
  auto it = rects_.find(id);
  if (it == rects_.end()) return std::nullopt;
  return it->second.rect;
}

std::optional<std::string> HitRegions::label(const std::string& id) const {
  auto it = rects_.find(id);
  if (it == rects_.end()) return std::nullopt;
  return it->second.label;
}

}  // namespace kiosk::ui
