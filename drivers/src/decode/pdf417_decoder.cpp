#include "kiosk/drivers/decode/pdf417_decoder.hpp"

#include <algorithm>
#include <chrono>
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
// ZXing's PDF417 reader copes with about 2-3 degrees of skew: within this of a quarter turn the
// plain read of the picture can succeed; beyond it, it fails, and a failed read is the dearest.
constexpr double upright_degrees = 1.5;
// Upright, ZXing reads modules of 2 pixels in a whole picture and none of 1.45; a region it reads
// is still enlarged below smallest_native_module, where it reads more after resampling.
constexpr double direct_module = 1.8;

// The ZXing reads of one picture, counted, and stopped once the time budget is spent.
class Reads {
 public:
  Reads(const DecodeLimits& limits, DecodeReport* report)
      : deadline_(std::chrono::steady_clock::now() + limits.time_budget), report_(report) {}

  bool exhausted() {
    if (!out_of_time_ && std::chrono::steady_clock::now() > deadline_) {
      out_of_time_ = true;
      if (report_ != nullptr) report_->stop = DecodeStop::OutOfTime;
    }
    return out_of_time_;
  }

  std::optional<std::vector<std::uint8_t>> read(const ImageView& image, const Pdf417ReadSettings& settings) {
    if (exhausted()) return std::nullopt;
    if (report_ != nullptr) ++report_->zxing_reads;
    return read_pdf417(image, settings);
  }

 private:
  std::chrono::steady_clock::time_point deadline_;
  DecodeReport* report_;
  bool out_of_time_ = false;
};

// A located region and the width of its modules, measured before any read.
struct RegionLook {
  BarcodeRegion region;
  double module = wanted_module_width;  // pixels per module
};

PointF between(PointF a, PointF b, double t) {
  return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

// How far `degrees` is from the nearest quarter turn, which ZXing's own rotation covers.
double off_quarter_turn(double degrees) {
  const double rest = std::fmod(std::abs(degrees), 90.0);
  return std::min(rest, 90.0 - rest);
}

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
  RegionDecoder(const GrayImage& frame, double noise, const DecodeLimits& limits, Reads& reads)
      : frame_(frame),
        background_(median_level(frame)),
        noise_(noise),
        max_resampled_pixels_(static_cast<double>(limits.max_resampled_pixels)),
        reads_(reads) {}

  RegionLook look(const BarcodeRegion& region) const {
    // Modules are measured across the middle rows: only the middle quarter of the region is
    // resampled for it, a few dozen rows where the whole region would cost four times as much.
    const auto& c = region.bounds.corners;
    const Quad band{{between(c[0], c[3], 0.375), between(c[1], c[2], 0.375), between(c[1], c[2], 0.625),
                     between(c[0], c[3], 0.625)}};
    const GrayImage middle = warp(band, band.mean_width(), band.mean_height(), 1);
    return {region, estimate_module_width(middle).value_or(wanted_module_width)};
  }

  // Whether ZXing can read the region as it lies in the picture: turned by less than its
  // tolerance, not noisy, modules wide enough.
  bool readable_in_place(const RegionLook& look) const {
    return off_quarter_turn(look.region.skew_degrees) <= upright_degrees && noise_ <= noisy_sigma &&
           look.module >= direct_module;
  }

  std::optional<DecodedBarcode> decode(const RegionLook& look) const {
    const Quad& bounds = look.region.bounds;
    const double width = bounds.mean_width();
    const double height = bounds.mean_height();
    const Resampled straightened = resample(bounds, width, height, look.module);
    if (auto payload = read(straightened))
      return DecodedBarcode{std::move(*payload), DecodeStep::Straightened};
    // Under noise the histogram thresholding alone, on the plain crop, reads some the median missed.
    if (noise_ > noisy_sigma && !reads_.exhausted()) {
      if (auto payload = read({warp(bounds, width, height, 1), 1, Thresholding::GlobalHistogram})) {
        return DecodedBarcode{std::move(*payload), DecodeStep::Straightened};
      }
    }
    if (reads_.exhausted()) return std::nullopt;

    // Perspective: fit the symbol's own four sides and map them onto a rectangle.
    const auto outline = fit_symbol_outline(straightened.image, look.module * straightened.scale);
    const auto to_frame =
        Homography::rectangle_to_quad(straightened.image.width(), straightened.image.height(), bounds);
    if (!outline || !to_frame) return std::nullopt;
    Quad symbol;
    for (std::size_t i = 0; i < 4; ++i) symbol.corners[i] = to_frame->map(outline->corners[i]);
    const auto symbol_to_frame =
        Homography::rectangle_to_quad(symbol.mean_width(), symbol.mean_height(), symbol);
    if (!symbol_to_frame) return std::nullopt;
    const double margin = quiet_modules * look.module;
    const double framed_width = symbol.mean_width() + 2 * margin;
    const double framed_height = symbol.mean_height() + 2 * margin;
    const Quad with_quiet_zone{
        {symbol_to_frame->map({-margin, -margin}),
         symbol_to_frame->map({symbol.mean_width() + margin, -margin}),
         symbol_to_frame->map({symbol.mean_width() + margin, symbol.mean_height() + margin}),
         symbol_to_frame->map({-margin, symbol.mean_height() + margin})}};
    if (auto payload = read(resample(with_quiet_zone, framed_width, framed_height, look.module))) {
      return DecodedBarcode{std::move(*payload), DecodeStep::Rectified};
    }
    return std::nullopt;
  }

 private:
  // `quad` (width x height frame pixels, modules of `module` pixels) as an upright image ready
  // for ZXing.
  Resampled resample(const Quad& quad, double width, double height, double module) const {
    Resampled out;
    if (noise_ > noisy_sigma) {
      out.scale =
          capped(width, height, std::clamp(wanted_module_width / module, noisy_enlargement, max_enlargement));
      out.thresholding = Thresholding::GlobalHistogram;
      out.image = median3(warp(quad, width, height, out.scale));
    } else if (module < smallest_native_module) {
      out.scale = capped(width, height, std::min(wanted_module_width / module, max_enlargement));
      // Enlarging spreads each bar edge over `scale` pixels; sharpening by about as much gives
      // ZXing back the steps it looks for (1.1-pixel modules then read 7 times in 12, else never).
      out.image = sharpen(warp(quad, width, height, out.scale), 0.5 * out.scale, 1.5);
    } else {
      out.scale = capped(width, height, 1);
      out.image = warp(quad, width, height, out.scale);
    }
    return out;
  }

  // `scale`, or less where the result would pass the resampling cap.
  double capped(double width, double height, double scale) const {
    const double area = std::max(1.0, width * height);
    return std::min(scale, std::sqrt(max_resampled_pixels_ / area));
  }

  // Bilinear even when enlarging: measured on the scene generator's frames, bicubic read no
  // frame more and cost two and a half times as much per pixel; the sharpening that follows an
  // enlargement restores the edges either way.
  GrayImage warp(const Quad& quad, double width, double height, double scale) const {
    return warp_quad_to_rectangle(frame_, quad, pixels(width * scale), pixels(height * scale), background_);
  }

  std::optional<std::vector<std::uint8_t>> read(const Resampled& resampled) const {
    Pdf417ReadSettings settings;
    settings.thresholding = resampled.thresholding;
    settings.try_downscale = false;
    return reads_.read(resampled.image.view(), settings);
  }

  const GrayImage& frame_;
  std::uint8_t background_;
  double noise_;
  double max_resampled_pixels_;
  Reads& reads_;
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

std::optional<DecodedBarcode> decode_pdf417(const ImageView& image, const DecodeLimits& limits,
                                            DecodeReport* report) {
  if (report != nullptr) *report = {};
  if (image.empty()) return std::nullopt;
  if (static_cast<std::int64_t>(image.width) * image.height > limits.max_pixels) {
    if (report != nullptr) report->stop = DecodeStop::TooLarge;
    return std::nullopt;
  }
  Reads reads(limits, report);
  const GrayImage gray = to_gray(image);
  const RegionDecoder decoder(gray, estimate_noise(gray), limits, reads);
  const std::vector<BarcodeRegion> regions = locate_barcodes(gray, regions_to_try);
  std::optional<RegionLook> strongest;
  if (!regions.empty()) strongest = decoder.look(regions.front());

  // The plain read first where it can succeed: a clean picture costs one ZXing call.
  const bool direct_first = !strongest || decoder.readable_in_place(*strongest);
  if (direct_first) {
    if (auto payload = reads.read(image, {})) return DecodedBarcode{std::move(*payload), DecodeStep::Direct};
  }
  for (std::size_t i = 0; i < regions.size() && !reads.exhausted(); ++i) {
    const RegionLook look = i == 0 ? std::move(*strongest) : decoder.look(regions[i]);
    if (auto found = decoder.decode(look)) return found;
  }
  if (!direct_first) {
    if (auto payload = reads.read(image, {})) return DecodedBarcode{std::move(*payload), DecodeStep::Direct};
  }
  return std::nullopt;
}

}  // namespace kiosk::drivers
