#pragma once
// Reads the PDF417 barcode of an ID card from a picture: a scanner's clean image or a camera frame
// where the card is turned, tilted, small, noisy, blurred or lying on a cluttered counter.
//
// A clean picture costs one plain ZXing read. Only when that fails does the decoder look for the
// barcode itself: it finds the region, measures its skew from the direction of its edges, fits the
// symbol's four sides and straightens it (rotation, perspective and scale in one resampling), then
// reads again with the thresholdings that suit noise and blur.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "kiosk/drivers/decode/gray_image.hpp"

namespace kiosk::drivers {

// Which step read the barcode: for the benchmark and for diagnostics.
enum class DecodeStep {
  Direct,        // the picture as it came
  Straightened,  // the located region, rotated upright
  Rectified,     // the symbol's fitted quadrilateral, perspective removed
};

std::string_view to_string(DecodeStep step);

struct DecodedBarcode {
  std::vector<std::uint8_t> payload;  // byte for byte, control characters included
  DecodeStep step = DecodeStep::Direct;
};

// Empty when the picture holds no readable PDF417 barcode; that is an answer, not an error.
std::optional<DecodedBarcode> decode_pdf417(const ImageView& image);

}  // namespace kiosk::drivers
