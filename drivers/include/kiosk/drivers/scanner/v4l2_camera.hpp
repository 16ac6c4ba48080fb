#pragma once
// A camera through the kernel's Video4Linux2 API directly (no libv4l2: the kiosk needs only the
// luminance, which every format it asks for carries as is). It asks for the configured size and
// frame rate, takes the first format it can read in this order: GREY, YUYV, UYVY, NV12, YU12
// (I420), MJPEG; streams through memory-mapped buffers, and hands back each frame's Y plane.
//
// The system calls sit behind VideoDeviceApi, so that the format negotiation, the buffer queue
// and the conversions are tested against a fake driver (tests/support/fake_video_device.hpp) on
// machines without a camera.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/drivers/scanner/camera.hpp"

namespace kiosk::drivers {

// The kernel's calls as V4l2Camera uses them. Each int result is >= 0 on success and minus the
// errno on failure.
class VideoDeviceApi {
 public:
  virtual ~VideoDeviceApi() = default;
  virtual int open(const std::string& path) = 0;  // the descriptor, non-blocking
  virtual int close(int fd) = 0;
  virtual int ioctl(int fd, unsigned long request, void* argument) = 0;
  virtual void* map(int fd, std::size_t length, std::int64_t offset) = 0;  // nullptr on failure
  virtual void unmap(void* address, std::size_t length) = 0;
  // 1 when a frame can be dequeued, 0 when none came within `timeout`.
  virtual int wait_readable(int fd, std::chrono::milliseconds timeout) = 0;
};

std::unique_ptr<VideoDeviceApi> kernel_video_device_api();

struct V4l2Settings {
  std::string device = "/dev/video0";
  int width = 1280;  // asked for; the driver picks the nearest it has
  int height = 720;
  int frames_per_second = 30;
  int buffers = 4;
};

class V4l2Camera final : public Camera {
 public:
  explicit V4l2Camera(V4l2Settings settings, std::unique_ptr<VideoDeviceApi> api = kernel_video_device_api());
  ~V4l2Camera() override;
  V4l2Camera(const V4l2Camera&) = delete;
  V4l2Camera& operator=(const V4l2Camera&) = delete;

  Expected<CameraFormat, CameraError> open() override;
  Expected<bool, CameraError> next_frame(std::chrono::milliseconds timeout,
                                         const Destination& destination) override;
  void close() noexcept override;

 private:
  struct Buffer {
    void* address = nullptr;
    std::size_t length = 0;
  };
  struct Layout {
    std::uint32_t fourcc = 0;
    int width = 0;
    int height = 0;
    std::size_t bytes_per_line = 0;
  };

  Expected<CameraFormat, CameraError> start();
  CameraError failure(CameraErrc code, const std::string& what, int error) const;
  // The frame in `bytes` as grey pixels; false when the buffer is short or damaged.
  bool convert(const std::uint8_t* bytes, std::size_t used, GrayImage& into) const;

  V4l2Settings settings_;
  std::unique_ptr<VideoDeviceApi> api_;
  int fd_ = -1;
  bool streaming_ = false;
  Layout layout_;
  std::vector<Buffer> buffers_;
};

// A FOURCC code as text: "YUYV".
std::string fourcc_text(std::uint32_t fourcc);

}  // namespace kiosk::drivers
