#pragma once
// Scans from pictures taken one after another, each grabbed and then decoded on one thread:
// image files, or any sequence of pictures (a live camera has CameraScanSource instead, which
// never lets frames queue up behind a decode). What a picture is and how a barcode is read from
// it belong to the decoding API (drivers/.../decode); this source only needs two functions, so it
// works with any image type:
//   grab:   the next picture, or nothing once there are no more (the last file was read); it may
//           block until a picture is ready.
//   decode: the payload of the barcode in a picture, or nothing when none is found.
// A payload equal to the one delivered last is not delivered again until it has been out of
// sight for `repeat_window` (RepeatFilter); a zero window delivers every one.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>
#include <vector>

#include "kiosk/drivers/scanner/threaded_scan_source.hpp"

namespace kiosk::drivers {

class FrameScanSource final : public ThreadedScanSource {
 public:
  using Payload = std::vector<std::uint8_t>;
  struct Step {
    bool finished = false;           // no more pictures will come
    std::optional<Payload> payload;  // what this picture held, if anything
  };
  // One picture: grab it and decode it.
  using StepFunction = std::function<Step(std::stop_token)>;

  template <class Image>
  using Grab = std::function<std::optional<Image>(std::stop_token)>;
  template <class Image>
  using Decode = std::function<std::optional<Payload>(const Image&)>;

  template <class Image>
  static StepFunction step(Grab<Image> grab, Decode<Image> decode) {
    return [grab = std::move(grab), decode = std::move(decode)](std::stop_token stop) -> Step {
      std::optional<Image> image = grab(stop);
      if (!image) return {true, std::nullopt};
      return {false, decode(*image)};
    };
  }

  // `kind` is Camera or ImageFile. For image files pass a zero repeat window: each file counts.
  FrameScanSource(ScanSourceKind kind, StepFunction step, const Clock& clock, Logger& logger,
                  std::chrono::milliseconds repeat_window = std::chrono::seconds(3));
  ~FrameScanSource() override;

 private:
  void run(std::stop_token stop) override;

  StepFunction step_;
  std::chrono::milliseconds repeat_window_;
};

}  // namespace kiosk::drivers
