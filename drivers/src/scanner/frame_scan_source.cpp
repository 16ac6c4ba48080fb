#include "kiosk/drivers/scanner/frame_scan_source.hpp"

#include "kiosk/drivers/scanner/wipe.hpp"

namespace kiosk::drivers {

FrameScanSource::FrameScanSource(ScanSourceKind kind, StepFunction step, const Clock& clock, Logger& logger,
                                 std::chrono::milliseconds repeat_window)
    : ThreadedScanSource(kind, clock, logger), step_(std::move(step)), repeat_window_(repeat_window) {}

FrameScanSource::~FrameScanSource() {
  stop();
}

void FrameScanSource::run(std::stop_token stop) {
  set_status(SourceState::Listening);
  Payload last;
  auto last_seen = std::chrono::steady_clock::time_point{};
  std::size_t pictures = 0;
  while (!stop.stop_requested()) {
    Step step = step_(stop);
    if (step.finished) break;
    ++pictures;
    if (!step.payload) continue;
    const auto now = std::chrono::steady_clock::now();
    const bool repeat = !last.empty() && *step.payload == last && now - last_seen <= repeat_window_;
    last_seen = now;
    if (repeat) {
      wipe(*step.payload);
      continue;
    }
    wipe(last);
    last = *step.payload;
    deliver(std::move(*step.payload));
  }
  wipe(last);
  if (!stop.stop_requested()) {
    set_status(SourceState::Finished, std::to_string(pictures));
  }
}

}  // namespace kiosk::drivers
