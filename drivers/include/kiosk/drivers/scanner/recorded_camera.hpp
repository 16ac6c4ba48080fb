#pragma once
// A recording of frames played as a camera delivers them: each frame is due at its time on the
// recording's clock (frame n at n / frames_per_second after open), and one not taken before the
// next is due is lost, as a real camera loses it. For the tests and the benchmark of the camera
// source, and for a kiosk set up with a folder of frames instead of a device (demos, field tests).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "kiosk/drivers/scanner/camera.hpp"

namespace kiosk::drivers {

class RecordedCamera final : public Camera {
 public:
  // `frames_per_second` 0: in step with the reader instead: the next frame is there at once, but
  // a frame the reader drops is offered again, so every frame is read and none lost.
  RecordedCamera(std::vector<GrayImage> frames, double frames_per_second, bool loop = false);
  // The images in `folder` (PNG, JPEG, PGM), sorted by name.
  static Expected<std::unique_ptr<RecordedCamera>, CameraError> from_folder(
      const std::filesystem::path& folder, double frames_per_second, bool loop);

  Expected<CameraFormat, CameraError> open() override;
  Expected<bool, CameraError> next_frame(std::chrono::milliseconds timeout,
                                         const Destination& destination) override;
  void close() noexcept override;

  // Frames that came due and went before anyone took them: zero when the reader kept up.
  std::uint64_t lost() const { return lost_; }

 private:
  std::vector<GrayImage> frames_;
  double frames_per_second_;
  bool loop_;
  bool open_ = false;
  std::chrono::steady_clock::time_point start_{};
  std::uint64_t next_ = 0;  // frames since open, the recording's clock in frames
  std::atomic<std::uint64_t> lost_{0};
};

}  // namespace kiosk::drivers
