#include "kiosk/drivers/scanner/picture_sources.hpp"

#include <memory>

#include "file_list.hpp"
#include "kiosk/drivers/decode/image_file.hpp"
#include "kiosk/drivers/decode/pdf417_decoder.hpp"
#include "kiosk/drivers/scanner/recorded_camera.hpp"
#include "kiosk/drivers/scanner/v4l2_camera.hpp"

namespace kiosk::drivers {
namespace {

std::optional<FrameScanSource::Payload> decode_picture(const GrayImage& image) {
  auto decoded = decode_pdf417(image.view());
  if (!decoded) return std::nullopt;
  return std::move(decoded->payload);
}

}  // namespace

std::unique_ptr<Camera> make_camera(const CameraSettings& settings, Logger& logger) {
  std::error_code ec;
  if (!std::filesystem::is_directory(settings.device, ec)) {
    return std::make_unique<V4l2Camera>(
        V4l2Settings{settings.device, settings.width, settings.height, settings.frames_per_second, 4});
  }
  auto recording = RecordedCamera::from_folder(settings.device, settings.frames_per_second, true);
  if (!recording) {
    logger.warn("scanner", "camera: " + recording.error().detail);
    return nullptr;
  }
  return std::move(recording).value();
}

std::unique_ptr<CameraScanSource> make_camera_source(std::unique_ptr<Camera> camera, const Clock& clock,
                                                     Logger& logger, CameraSourceOptions options,
                                                     DecodeLimits limits) {
  CameraScanSource::Decode decode =
      [limits](const GrayImage& frame) -> std::optional<FrameScanSource::Payload> {
    auto decoded = decode_pdf417(frame.view(), limits);
    if (!decoded) return std::nullopt;
    return std::move(decoded->payload);
  };
  return std::make_unique<CameraScanSource>(std::move(camera), std::move(decode), clock, logger, options);
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
