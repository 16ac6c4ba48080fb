#pragma once
// The one place that talks to ZXing-cpp: one PDF417 read of one image, with the settings the
// decoding strategy chose. ZXing's headers stay behind this file.

#include <cstdint>
#include <optional>
#include <vector>

#include "kiosk/drivers/decode/gray_image.hpp"

namespace kiosk::drivers {

enum class Thresholding {
  Local,            // ZXing's default: a threshold per 8x8 block from its neighbourhood
  GlobalHistogram,  // one threshold per row from the histogram's valley: steadier under noise
};

// Otherwise ZXing's defaults: try harder, try quarter turns.
struct Pdf417ReadSettings {
  Thresholding thresholding = Thresholding::Local;
  bool try_downscale = true;  // ZXing's own downscaled passes, for large frames
};

// The payload of the first PDF417 symbol ZXing reads in `image`, byte for byte.
std::optional<std::vector<std::uint8_t>> read_pdf417(const ImageView& image,
                                                     const Pdf417ReadSettings& settings);

}  // namespace kiosk::drivers
