#include "kiosk/drivers/scanner/recorded_camera.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "file_list.hpp"
#include "kiosk/drivers/decode/image_file.hpp"

namespace kiosk::drivers {

RecordedCamera::RecordedCamera(std::vector<GrayImage> frames, double frames_per_second, bool loop)
    : frames_(std::move(frames)), frames_per_second_(std::max(0.0, frames_per_second)), loop_(loop) {}

Expected<std::unique_ptr<RecordedCamera>, CameraError> RecordedCamera::from_folder(
    const std::filesystem::path& folder, double frames_per_second, bool loop) {
  std::filesystem::path unlisted;
  const auto files = expand_paths({folder}, unlisted);
  if (!files) return fail(CameraError{CameraErrc::NotFound, "cannot list " + unlisted.string()});
  std::vector<GrayImage> frames;
  for (const auto& file : *files) {
    auto image = load_gray_image(file);
    if (!image) return fail(CameraError{CameraErrc::Unsupported, image.error().message()});
    frames.push_back(std::move(image).value());
  }
  if (frames.empty()) return fail(CameraError{CameraErrc::NotFound, folder.string() + ": no frames"});
  return std::make_unique<RecordedCamera>(std::move(frames), frames_per_second, loop);
}

Expected<CameraFormat, CameraError> RecordedCamera::open() {
  if (frames_.empty()) return fail(CameraError{CameraErrc::Ended, "an empty recording"});
  open_ = true;
  start_ = std::chrono::steady_clock::now();
  next_ = 0;
  return CameraFormat{frames_.front().width(), frames_.front().height(), "recording", frames_per_second_};
}

Expected<bool, CameraError> RecordedCamera::next_frame(std::chrono::milliseconds timeout,
                                                       const Destination& destination) {
  if (!open_) return fail(CameraError{CameraErrc::Gone, "the recording is not open"});
  if (!loop_ && next_ >= frames_.size()) return fail(CameraError{CameraErrc::Ended, "the recording ended"});
  if (frames_per_second_ > 0) {
    using Seconds = std::chrono::duration<double>;
    const auto due_at = [this](std::uint64_t frame) {
      return start_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                          Seconds(static_cast<double>(frame) / frames_per_second_));
    };
    const auto now = std::chrono::steady_clock::now();
    // Frames whose successor is already due were missed by the reader.
    const auto current =
        static_cast<std::uint64_t>(std::floor(Seconds(now - start_).count() * frames_per_second_));
    if (current > next_) {
      lost_ += current - next_;
      next_ = current;
      if (!loop_ && next_ >= frames_.size())
        return fail(CameraError{CameraErrc::Ended, "the recording ended"});
    }
    const auto due = due_at(next_);
    if (due > now + timeout) {
      std::this_thread::sleep_for(timeout);
      return false;
    }
    std::this_thread::sleep_until(due);
  }
  GrayImage* into = destination();
  if (into == nullptr && frames_per_second_ <= 0) {
    std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(1)));
    return false;
  }
  if (into != nullptr) *into = frames_[next_ % frames_.size()];
  ++next_;
  return true;
}

void RecordedCamera::close() noexcept {
  open_ = false;
}

}  // namespace kiosk::drivers
