#pragma once
// The picture sources of scans, built on the decoding API (decode_pdf417): a live camera (a V4L2
// device, or a folder of recorded frames played at a frame rate), and a list of image files
// (saved camera frames, a technician's test pictures) read one after another.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/drivers/decode/pdf417_decoder.hpp"
#include "kiosk/drivers/scanner/camera.hpp"
#include "kiosk/drivers/scanner/camera_scan_source.hpp"
#include "kiosk/drivers/scanner/frame_scan_source.hpp"

namespace kiosk::drivers {

// What decode_pdf417 may spend on one camera frame: a frame it cannot read in this time is given
// up for the next, fresher one.
inline constexpr std::chrono::milliseconds kCameraFrameBudget{250};

inline DecodeLimits camera_decode_limits() {
  DecodeLimits limits;
  limits.time_budget = kCameraFrameBudget;
  return limits;
}

struct CameraSettings {
  std::string device;  // "/dev/video0", or a folder of frames to play instead
  int width = 1280;
  int height = 720;
  int frames_per_second = 30;
};

// A V4L2 camera, or, when `settings.device` is a folder, its frames played in a loop; nothing
// (and a warning in the log) when the folder holds no readable frames.
std::unique_ptr<Camera> make_camera(const CameraSettings& settings, Logger& logger);

// Scans from `camera`, each frame decoded within `limits`.
std::unique_ptr<CameraScanSource> make_camera_source(std::unique_ptr<Camera> camera, const Clock& clock,
                                                     Logger& logger, CameraSourceOptions options = {},
                                                     DecodeLimits limits = camera_decode_limits());

// Each file in turn (a directory stands for its files, sorted by name); a file that cannot be
// loaded is logged and skipped. Every file holding a barcode is one scan, repeats included.
std::unique_ptr<FrameScanSource> make_image_file_source(std::vector<std::filesystem::path> paths,
                                                        const Clock& clock, Logger& logger);

}  // namespace kiosk::drivers
