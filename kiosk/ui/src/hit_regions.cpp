#include "kiosk/ui/hit_regions.hpp"

namespace kiosk::ui {

void HitRegions::record(std::string id, HitRegion region) {
  regions_[std::move(id)] = std::move(region);
}

std::optional<Rect> HitRegions::find(const std::string& id) const {
  auto it = regions_.find(id);
  if (it == regions_.end()) return std::nullopt;
  return it->second.rect;
}

std::optional<std::string> HitRegions::label(const std::string& id) const {
  auto it = regions_.find(id);
  if (it == regions_.end()) return std::nullopt;
  return it->second.label;
}

}  // namespace kiosk::ui
