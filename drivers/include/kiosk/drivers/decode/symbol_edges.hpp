#pragma once
// Measures a PDF417 symbol in a picture where it already stands nearly upright (its bars within a
// few degrees of vertical, as the locator's straightening leaves it): the width of one module,
// the noise, and the quadrilateral of the symbol's outline, which perspective makes a trapezoid.
//
// The outline comes from the symbol's own structure: inside a row no space is wider than six
// modules and every seven modules of a row hold some ink, while a quiet zone of at least two
// modules surrounds the symbol. So, walking out from the middle, the symbol ends where the gap
// grows wider than that; a robust line through those ends, band by band, is one side.

#include <optional>

#include "kiosk/drivers/decode/geometry.hpp"
#include "kiosk/drivers/decode/gray_image.hpp"

namespace kiosk::drivers {

// The standard deviation of the noise, from differences between vertical neighbours (a PDF417
// row is several modules tall, so most of them should be equal).
double estimate_noise(const GrayImage& image);

// The width of a module in pixels, from the mean length of the bars and spaces across the middle
// rows. Empty when no row crosses enough of them to be a symbol.
std::optional<double> estimate_module_width(const GrayImage& upright);

// The symbol's outline in `upright`'s coordinates; empty when its sides cannot be found.
std::optional<Quad> fit_symbol_outline(const GrayImage& upright, double module_width);

}  // namespace kiosk::drivers
