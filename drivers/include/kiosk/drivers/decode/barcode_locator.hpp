#pragma once
// Finds where a PDF417 symbol probably lies in a picture, and how it is turned, without decoding.
//
// A PDF417 symbol is a dense block of parallel bars: in every small tile of it the brightness
// gradients point the same way, and strongly. The locator measures that per tile (the structure
// tensor), joins neighbouring tiles whose bars agree in direction, trims what the region picked
// up at its fringes, and ranks the regions by their total oriented edge energy. Noise adds
// energy in every direction and so does not count; printed text, whose strokes point every way,
// counts little; a lone straight edge makes a thin region that ranks low.

#include <cstddef>
#include <vector>

#include "kiosk/drivers/decode/geometry.hpp"
#include "kiosk/drivers/decode/gray_image.hpp"

namespace kiosk::drivers {

struct BarcodeRegion {
  // A rectangle around the region, corners in Quad's order for the symbol read left to right
  // with its bars upright (or upside down: the locator cannot tell the two apart).
  Quad bounds;
  // The turn of the symbol's rows from horizontal, counter-clockwise on screen, in (-90, 90].
  double skew_degrees = 0;
  // Total oriented edge energy: how sure the locator is.
  double strength = 0;
};

// The strongest regions first, at most `max_regions`.
std::vector<BarcodeRegion> locate_barcodes(const GrayImage& image, std::size_t max_regions);

}  // namespace kiosk::drivers
