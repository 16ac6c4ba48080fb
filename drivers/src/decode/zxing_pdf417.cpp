#include "zxing_pdf417.hpp"

#include <ZXing/ReadBarcode.h>

namespace kiosk::drivers {
namespace {

ZXing::ImageFormat zxing_format(PixelFormat format) {
  switch (format) {
    case PixelFormat::Gray: return ZXing::ImageFormat::Lum;
    case PixelFormat::Rgb: return ZXing::ImageFormat::RGB;
    case PixelFormat::Rgba: return ZXing::ImageFormat::RGBX;
  }
  return ZXing::ImageFormat::Lum;
}

}  // namespace

std::optional<std::vector<std::uint8_t>> read_pdf417(const ImageView& image,
                                                     const Pdf417ReadSettings& settings) {
  if (image.empty()) return std::nullopt;
  const ZXing::ImageView view(image.data, image.width, image.height, zxing_format(image.format),
                              image.stride());
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::PDF417)
      .setTryDownscale(settings.try_downscale)
      .setBinarizer(settings.thresholding == Thresholding::GlobalHistogram ? ZXing::Binarizer::GlobalHistogram
                                                                           : ZXing::Binarizer::LocalAverage)
      .setMaxNumberOfSymbols(1);
  const ZXing::Result result = ZXing::ReadBarcode(view, hints);
  if (!result.isValid()) return std::nullopt;
  const auto& bytes = result.bytes();
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

}  // namespace kiosk::drivers
