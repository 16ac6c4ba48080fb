#pragma once
// Scans from a live camera at its frame rate. Two threads: the source's own takes every frame
// the camera delivers, so the device's buffers never fill with old frames; a decode thread reads
// barcodes. A frame that arrives while a decode is running is dropped, never queued: when the
// decoder is free again it gets the next fresh frame, so what it reads is what is in front of the
// camera now. The same card seen in frame after frame is one scan (RepeatFilter), and a payload
// is delivered once `confirmations` reads in a row agree on it.
//
// A camera that is missing, busy or not permitted is reported and tried again; one unplugged
// while streaming likewise. A recording that ends finishes the source.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "kiosk/drivers/decode/gray_image.hpp"
#include "kiosk/drivers/scanner/camera.hpp"
#include "kiosk/drivers/scanner/threaded_scan_source.hpp"

namespace kiosk::drivers {

struct CameraSourceOptions {
  // A card still in view within this much time of its last read is the same scan.
  std::chrono::milliseconds repeat_window{3000};
  int confirmations = 2;
  // How long a frame is waited for before the source looks at its stop request again.
  std::chrono::milliseconds frame_wait{100};
  // How long to wait before opening a camera again that was missing, busy or gone.
  std::chrono::milliseconds reopen_delay{2000};
};

// Counts since start, for diagnostics and the benchmark.
struct CameraSourceStats {
  std::uint64_t frames = 0;   // delivered by the camera
  std::uint64_t decoded = 0;  // handed to the decoder and read (with or without a barcode)
  std::uint64_t dropped = 0;  // arrived while a decode was running
  std::uint64_t scans = 0;    // delivered to the queue
};

class CameraScanSource final : public ThreadedScanSource {
 public:
  using Payload = std::vector<std::uint8_t>;
  // The barcode in a frame, or nothing. Runs on the decode thread.
  using Decode = std::function<std::optional<Payload>(const GrayImage&)>;

  CameraScanSource(std::unique_ptr<Camera> camera, Decode decode, const Clock& clock, Logger& logger,
                   CameraSourceOptions options = {});
  ~CameraScanSource() override;

  CameraSourceStats stats() const;

 private:
  void run(std::stop_token stop) override;
  // Streams from an open camera until a stop, an error or the recording's end; true when the
  // source is to finish (the recording ended) rather than reopen the camera.
  bool stream(const std::stop_token& stop);
  void decode_frames(const std::stop_token& stop);
  void report(const CameraError& error);

  std::unique_ptr<Camera> camera_;
  Decode decode_;
  CameraSourceOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable_any changed_;
  std::optional<GrayImage> handed_;  // the frame the decoder is to read next
  bool decoding_ = false;            // a frame is handed over or being read
  CameraSourceStats stats_;
};

}  // namespace kiosk::drivers
