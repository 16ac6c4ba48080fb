#include "kiosk/drivers/decode/pdf417_decoder.hpp"

#include <algorithm>
#include <cmath>

#include "kiosk/drivers/decode/barcode_locator.hpp"
#include "kiosk/drivers/decode/image_ops.hpp"
#include "kiosk/drivers/decode/symbol_edges.hpp"
#include "zxing_pdf417.hpp"

namespace kiosk::drivers {
namespace {

// ZXing reads modules of 2.3 pixels and more as they are (the estimate runs high under blur);
// smaller ones are enlarged to three.
constexpr double smallest_native_module = 2.3;
constexpr double wanted_module_width = 3;
constexpr double max_enlargement = 3;
// Above this noise (grey levels) the symbol is enlarged by half and median-filtered, which takes
// the noise out and leaves the bars, then read with the histogram thresholding: on noisy frames
// that reads every symbol where ZXing's default reads two in three.
constexpr double noisy_sigma = 10;
constexpr double noisy_enlargement = 1.5;
// The quiet zone drawn around a rectified symbol, in modules.
constexpr double quiet_modules = 5;
// Regions tried per frame, strongest first: the barcode, then what a card's edge or print may
// have outranked it with.
constexpr std::size_t regions_to_try = 2;

int pixels(double length) {
  return std::max(1, static_cast<int>(std::lround(length)));
}

// A view of the symbol resampled the way that suits its module size and noise.
struct Resampled {
  GrayImage image;
  double scale = 1;  // output pixels per frame pixel
  Thresholding thresholding = Thresholding::Local;
};

class RegionDecoder {
 public:
  // Noise is measured on the frame itself: resampling averages neighbours and hides half of it.
  RegionDecoder(const GrayImage& frame, std::uint8_t background)
      : frame_(frame), background_(background), noise_(estimate_noise(frame)) {}

  std::optional<DecodedBarcode> decode(const BarcodeRegion& region) const {
    const double width = region.bounds.mean_width();
    const double height = region.bounds.mean_height();
    const GrayImage upright =
        warp_quad_to_rectangle(frame_, region.bounds, pixels(width), pixels(height), background_);
    const double noise = noise_;
    const double module = estimate_module_width(upright).value_or(wanted_module_width);
    const Resampled straightened = resample(region.bounds, width, height, module, noise);
    if (auto payload = read(straightened))
      return DecodedBarcode{std::move(*payload), DecodeStep::Straightened};
    // Under noise the histogram thresholding alone, on the plain crop, reads some the median missed.
    if (noise > noisy_sigma) {
      if (auto payload = read({upright, 1, Thresholding::GlobalHistogram})) {
        return DecodedBarcode{std::move(*payload), DecodeStep::Straightened};
      }
    }

    // Perspective: fit the symbol's own four sides and map them onto a rectangle.
    const auto outline = fit_symbol_outline(straightened.image, module * straightened.scale);
    const auto to_frame =
        Homography::rectangle_to_quad(straightened.image.width(), straightened.image.height(), region.bounds);
    if (!outline || !to_frame) return std::nullopt;
    Quad symbol;
    for (std::size_t i = 0; i < 4; ++i) symbol.corners[i] = to_frame->map(outline->corners[i]);
    const auto symbol_to_frame =
        Homography::rectangle_to_quad(symbol.mean_width(), symbol.mean_height(), symbol);
    if (!symbol_to_frame) return std::nullopt;
    const double margin = quiet_modules * module;
    const double framed_width = symbol.mean_width() + 2 * margin;
    const double framed_height = symbol.mean_height() + 2 * margin;
    const Quad with_quiet_zone{
        {symbol_to_frame->map({-margin, -margin}),
         symbol_to_frame->map({symbol.mean_width() + margin, -margin}),
         symbol_to_frame->map({symbol.mean_width() + margin, symbol.mean_height() + margin}),
         symbol_to_frame->map({-margin, symbol.mean_height() + margin})}};
    if (auto payload = read(resample(with_quiet_zone, framed_width, framed_height, module, noise))) {
      return DecodedBarcode{std::move(*payload), DecodeStep::Rectified};
    }
    return std::nullopt;
  }

 private:
  // `quad` (width x height frame pixels, modules of `module` pixels) as an upright image ready
  // for ZXing.
  Resampled resample(const Quad& quad, double width, double height, double module, double noise) const {
    Resampled out;
    if (noise > noisy_sigma) {
      out.scale = std::clamp(wanted_module_width / module, noisy_enlargement, max_enlargement);
      out.thresholding = Thresholding::GlobalHistogram;
      out.image = median3(warp(quad, width, height, out.scale));
    } else if (module < smallest_native_module) {
      out.scale = std::min(wanted_module_width / module, max_enlargement);
      // Enlarging spreads each bar edge over `scale` pixels; sharpening by about as much gives
      // ZXing back the steps it looks for (1.1-pixel modules then read 7 times in 12, else never).
      out.image = sharpen(warp(quad, width, height, out.scale), 0.5 * out.scale, 1.5);
    } else {
      out.image = warp(quad, width, height, 1);
    }
    return out;
  }

  GrayImage warp(const Quad& quad, double width, double height, double scale) const {
    return warp_quad_to_rectangle(frame_, quad, pixels(width * scale), pixels(height * scale), background_,
                                  scale > 1 ? Interpolation::Bicubic : Interpolation::Bilinear);
  }

  static std::optional<std::vector<std::uint8_t>> read(const Resampled& resampled) {
    Pdf417ReadSettings settings;
    settings.thresholding = resampled.thresholding;
    settings.try_downscale = false;
    return read_pdf417(resampled.image.view(), settings);
  }

  const GrayImage& frame_;
  std::uint8_t background_;
  double noise_;
};

}  // namespace

std::string_view to_string(DecodeStep step) {
  switch (step) {
    case DecodeStep::Direct: return "direct";
    case DecodeStep::Straightened: return "straightened";
    case DecodeStep::Rectified: return "rectified";
  }
  return "?";
}

std::optional<DecodedBarcode> decode_pdf417(const ImageView& image) {
  // A clean picture costs exactly one ZXing call, like calling ZXing directly.
  if (auto payload = read_pdf417(image, {})) return DecodedBarcode{std::move(*payload), DecodeStep::Direct};
  const GrayImage gray = to_gray(image);
  const RegionDecoder decoder(gray, median_level(gray));
  for (const auto& region : locate_barcodes(gray, regions_to_try)) {
    if (auto found = decoder.decode(region)) return found;
  }
  return std::nullopt;
}

}  // namespace kiosk::drivers
