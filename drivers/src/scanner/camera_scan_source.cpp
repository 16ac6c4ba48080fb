#include "kiosk/drivers/scanner/camera_scan_source.hpp"

#include <thread>

#include "kiosk/core/sensitive.hpp"
#include "repeat_filter.hpp"

namespace kiosk::drivers {

std::string CameraFormat::text() const {
  std::string text = std::to_string(width) + "x" + std::to_string(height) + " " + pixel_format;
  if (frames_per_second > 0)
    text += " @ " + std::to_string(static_cast<int>(frames_per_second + 0.5)) + " fps";
  return text;
}

CameraScanSource::CameraScanSource(std::unique_ptr<Camera> camera, Decode decode, const Clock& clock,
                                   Logger& logger, CameraSourceOptions options)
    : ThreadedScanSource(ScanSourceKind::Camera, clock, logger),
      camera_(std::move(camera)),
      decode_(std::move(decode)),
      options_(options) {}

CameraScanSource::~CameraScanSource() {
  stop();
}

CameraSourceStats CameraScanSource::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void CameraScanSource::report(const CameraError& error) {
  switch (error.code) {
    case CameraErrc::NotFound:
    case CameraErrc::Gone: set_status(SourceState::Waiting, error.detail); break;
    case CameraErrc::PermissionDenied: set_status(SourceState::PermissionDenied, error.detail); break;
    case CameraErrc::Busy: set_status(SourceState::Busy, error.detail); break;
    case CameraErrc::Unsupported: set_status(SourceState::Failed, error.detail); break;
    case CameraErrc::Ended: break;
  }
}

void CameraScanSource::run(std::stop_token stop) {
  // The decoder lives as long as this thread: stopped and joined before run() returns.
  std::jthread decoder([this](std::stop_token decoder_stop) { decode_frames(decoder_stop); });
  while (!stop.stop_requested()) {
    auto format = camera_->open();
    if (!format) {
      report(format.error());
      if (format.error().code == CameraErrc::Ended) break;
      if (!sleep_for(stop, options_.reopen_delay)) break;
      continue;
    }
    set_status(SourceState::Listening, format->text());
    const bool finished = stream(stop);
    camera_->close();
    if (finished) break;
    if (!stop.stop_requested() && !sleep_for(stop, options_.reopen_delay)) break;
  }
  camera_->close();
  // Whatever was handed over is still read before the source says it has finished.
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, stop, [this] { return !decoding_; });
  }
  decoder.request_stop();
  changed_.notify_all();
  decoder.join();
  if (!stop.stop_requested()) set_status(SourceState::Finished, std::to_string(stats().frames));
}

bool CameraScanSource::stream(const std::stop_token& stop) {
  GrayImage frame;
  bool wanted = false;
  // Decided when a frame is there: only the capture thread starts a decode, so an idle decoder
  // stays idle until it is handed this frame.
  const Camera::Destination destination = [&]() -> GrayImage* {
    std::lock_guard lock(mutex_);
    wanted = !decoding_;
    return wanted ? &frame : nullptr;
  };
  while (!stop.stop_requested()) {
    auto arrived = camera_->next_frame(options_.frame_wait, destination);
    if (!arrived) {
      report(arrived.error());
      return arrived.error().code == CameraErrc::Ended;
    }
    if (!*arrived) continue;
    {
      std::lock_guard lock(mutex_);
      ++stats_.frames;
      if (!wanted) {
        ++stats_.dropped;
        continue;
      }
      handed_ = std::move(frame);
      decoding_ = true;
    }
    changed_.notify_all();
    frame = GrayImage();
  }
  return false;
}

void CameraScanSource::decode_frames(const std::stop_token& stop) {
  RepeatFilter repeats(options_.repeat_window, options_.confirmations);
  for (;;) {
    GrayImage frame;
    {
      std::unique_lock lock(mutex_);
      if (!changed_.wait(lock, stop, [this] { return handed_.has_value(); })) return;
      frame = std::move(*handed_);
      handed_.reset();
    }
    std::optional<Payload> payload = decode_(frame);
    const bool admitted = payload && repeats.admit(*payload, clock().steady_now());
    {
      std::lock_guard lock(mutex_);
      ++stats_.decoded;
      if (admitted) ++stats_.scans;
      decoding_ = false;
    }
    changed_.notify_all();
    if (admitted) {
      deliver(std::move(*payload));
    } else if (payload) {
      wipe(*payload);
    }
  }
}

}  // namespace kiosk::drivers
