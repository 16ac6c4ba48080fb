#include "kiosk/drivers/scanner/picture_sources.hpp"

#include <memory>

#include "file_list.hpp"
#include "kiosk/drivers/decode/image_file.hpp"
#include "kiosk/drivers/decode/pdf417_decoder.hpp"

namespace kiosk::drivers {
namespace {

std::optional<FrameScanSource::Payload> decode_picture(const GrayImage& image) {
  auto decoded = decode_pdf417(image.view());
  if (!decoded) return std::nullopt;
  return std::move(decoded->payload);
}

}  // namespace

std::unique_ptr<FrameScanSource> make_camera_source(FrameScanSource::Grab<GrayImage> grab, const Clock& clock,
                                                    Logger& logger) {
  return std::make_unique<FrameScanSource>(ScanSourceKind::Camera,
                                           FrameScanSource::step<GrayImage>(std::move(grab), decode_picture),
                                           clock, logger);
}

std::unique_ptr<FrameScanSource> make_image_file_source(std::vector<std::filesystem::path> paths,
                                                        const Clock& clock, Logger& logger) {
  std::filesystem::path unlisted;
  auto files = std::make_shared<std::vector<std::filesystem::path>>();
  if (auto listed = expand_paths(paths, unlisted)) {
    *files = std::move(*listed);
  } else {
    logger.warn("scanner", "image-file: cannot list " + unlisted.string());
  }
  auto next = std::make_shared<std::size_t>(0);
  FrameScanSource::Grab<GrayImage> grab = [files, next,
                                           &logger](std::stop_token stop) -> std::optional<GrayImage> {
    while (*next < files->size() && !stop.stop_requested()) {
      const auto& file = (*files)[(*next)++];
      auto image = load_gray_image(file);
      if (image) return std::move(image).value();
      logger.warn("scanner", "image-file: " + image.error().message());
    }
    return std::nullopt;
  };
  return std::make_unique<FrameScanSource>(ScanSourceKind::ImageFile,
                                           FrameScanSource::step<GrayImage>(std::move(grab), decode_picture),
                                           clock, logger, std::chrono::milliseconds(0));
}

}  // namespace kiosk::drivers
