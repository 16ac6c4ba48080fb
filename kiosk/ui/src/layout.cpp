#include "kiosk/ui/layout.hpp"

#include <algorithm>

namespace kiosk::ui {

float layout_scale(float width, float height) {
  const float short_side = std::min(width, height);
  const float long_side = std::max(width, height);
  return std::min(short_side / kDesignHeight, long_side / kDesignWidth);
}

}  // namespace kiosk::ui
