#pragma once
// A camera, as the camera scan source sees it: open it, take frames as they come, close it. The
// real one is a V4L2 device (v4l2_camera.hpp); a recording of frames (recorded_camera.hpp) plays
// the same part for demos and tests. Frames arrive grey: PDF417 carries no colour.

#include <chrono>
#include <functional>
#include <string>

#include "kiosk/core/expected.hpp"
#include "kiosk/drivers/decode/gray_image.hpp"

namespace kiosk::drivers {

enum class CameraErrc {
  NotFound,          // no such device (not plugged in, wrong path)
  PermissionDenied,  // the kiosk's user may not open it (udev rule, video group)
  Busy,              // another program holds it
  Unsupported,       // it cannot deliver a format or size the kiosk reads
  Gone,              // it stopped working while streaming (unplugged)
  Ended,             // a recording has played its last frame
};

struct CameraError {
  CameraErrc code;
  std::string detail;  // the device's path and the system's words; never anything from a frame
};

// What an opened camera delivers: "1280x720 YUYV @ 30 fps".
struct CameraFormat {
  int width = 0;
  int height = 0;
  std::string pixel_format;
  double frames_per_second = 0;

  std::string text() const;
};

class Camera {
 public:
  virtual ~Camera() = default;

  // Opens the device and starts streaming. Opening an open camera reopens it.
  virtual Expected<CameraFormat, CameraError> open() = 0;
  // Where a frame that has arrived goes: an image to convert it into, or nullptr to drop it
  // without the cost of converting it. Asked once per frame, when the frame is there.
  using Destination = std::function<GrayImage*()>;

  // Waits at most `timeout` for the next frame. True when one arrived and went where
  // `destination` said.
  virtual Expected<bool, CameraError> next_frame(std::chrono::milliseconds timeout,
                                                 const Destination& destination) = 0;
  // Stops streaming and releases the device. Safe to call when closed.
  virtual void close() noexcept = 0;
};

}  // namespace kiosk::drivers
