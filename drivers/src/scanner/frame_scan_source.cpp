#include "kiosk/drivers/scanner/frame_scan_source.hpp"

#include "kiosk/core/sensitive.hpp"
#include "repeat_filter.hpp"

namespace kiosk::drivers {

FrameScanSource::FrameScanSource(ScanSourceKind kind, StepFunction step, const Clock& clock, Logger& logger,
                                 std::chrono::milliseconds repeat_window)
    : ThreadedScanSource(kind, clock, logger), step_(std::move(step)), repeat_window_(repeat_window) {}

FrameScanSource::~FrameScanSource() {
  stop();
}

void FrameScanSource::run(std::stop_token stop) {
  set_status(SourceState::Listening);
  RepeatFilter repeats(repeat_window_, 1);
  std::size_t pictures = 0;
  while (!stop.stop_requested()) {
    Step step = step_(stop);
    if (step.finished) break;
    ++pictures;
    if (!step.payload) continue;
    if (repeats.admit(*step.payload, clock().steady_now())) {
      deliver(std::move(*step.payload));
    } else {
      wipe(*step.payload);
    }
  }
  if (!stop.stop_requested()) {
    set_status(SourceState::Finished, std::to_string(pictures));
  }
}

}  // namespace kiosk::drivers
