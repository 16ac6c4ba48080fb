#pragma once
// The picture sources of scans, built on the decoding API (decode_pdf417): a camera, given
// something that grabs its frames, and a list of image files (saved camera frames, a technician's
// test pictures) read one after another. Both are FrameScanSources.

#include <filesystem>
#include <memory>
#include <vector>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/drivers/decode/gray_image.hpp"
#include "kiosk/drivers/scanner/frame_scan_source.hpp"

namespace kiosk::drivers {

// `grab` blocks until the camera's next frame, and returns nothing once the camera is gone.
std::unique_ptr<FrameScanSource> make_camera_source(FrameScanSource::Grab<GrayImage> grab, const Clock& clock,
                                                    Logger& logger);

// Each file in turn (a directory stands for its files, sorted by name); a file that cannot be
// loaded is logged and skipped. Every file holding a barcode is one scan, repeats included.
std::unique_ptr<FrameScanSource> make_image_file_source(std::vector<std::filesystem::path> paths,
                                                        const Clock& clock, Logger& logger);

}  // namespace kiosk::drivers
