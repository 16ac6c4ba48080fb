#pragma once
// Reads the PDF417 barcode of an ID card from a picture: a scanner's clean image or a camera frame
// where the card is turned, tilted, small, noisy, blurred or lying on a cluttered counter.
//
// The decoder first looks at the picture without decoding (its noise, where the barcode lies, how
// it is turned, how wide a module is) and then spends ZXing calls where they can succeed:
// - a picture whose barcode stands upright with modules ZXing reads as they are (a scanner's
//   image, a clean photo) costs one plain ZXing read of the picture, as calling ZXing directly;
// - otherwise the located region is straightened (rotation, and scale for small modules, in one
//   resampling) and read with the thresholding that suits its noise; then its fitted outline is
//   rectified (perspective removed) and read; the plain read of the whole picture comes last.
// A failed ZXing read costs far more than a successful one (its codeword search), so skipping the
// reads that cannot succeed is what keeps a distorted frame within bare ZXing's cost, while every
// step is still tried before a picture counts as unreadable.

#include <chrono>
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

// What one picture may cost. A stripes pattern or a wall of text looks like barcodes everywhere;
// these keep such a picture from taking seconds and gigabytes.
struct DecodeLimits {
  std::int64_t max_pixels = kMaxFramePixels;  // a larger picture is not searched at all
  // No new attempt starts once this much time has passed (an attempt under way finishes).
  std::chrono::milliseconds time_budget{1000};
  // A region is never resampled into more pixels than this, whatever its module size asks.
  std::int64_t max_resampled_pixels = 8'000'000;
};

// Why the decoder stopped, when the caller wants to know.
enum class DecodeStop {
  Finished,   // read, or every step tried
  TooLarge,   // more pixels than DecodeLimits::max_pixels: nothing tried
  OutOfTime,  // the time budget ran out before every step was tried
};

struct DecodeReport {
  DecodeStop stop = DecodeStop::Finished;
  int zxing_reads = 0;  // ZXing calls made
};

// Empty when the picture holds no PDF417 barcode readable within the limits; that is an answer,
// not an error. `report`, when given, says why it stopped and what it cost.
std::optional<DecodedBarcode> decode_pdf417(const ImageView& image, const DecodeLimits& limits = {},
                                            DecodeReport* report = nullptr);

}  // namespace kiosk::drivers
