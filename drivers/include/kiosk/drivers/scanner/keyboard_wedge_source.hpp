#pragma once
// Scans from a keyboard-wedge scanner. The UI thread hands over every key the platform saw
// (feed()); this source's thread runs the KeyboardWedgeDecoder on them and delivers each scan,
// including the one that ends only when the keys stop.

#include <condition_variable>
#include <mutex>
#include <span>
#include <vector>

#include "kiosk/drivers/scanner/keyboard_wedge_decoder.hpp"
#include "kiosk/drivers/scanner/threaded_scan_source.hpp"

namespace kiosk::drivers {

class KeyboardWedgeSource final : public ThreadedScanSource {
 public:
  // Key times must come from std::chrono::steady_clock: the thread compares them with its now().
  KeyboardWedgeSource(const Clock& clock, Logger& logger, WedgeTiming timing = {});
  ~KeyboardWedgeSource() override;

  // Thread-safe; cheap enough for the UI loop.
  void feed(std::span<const WedgeKey> keys);

 private:
  void run(std::stop_token stop) override;
  void interrupt() override;

  std::mutex mutex_;
  std::condition_variable_any arrived_;
  std::vector<WedgeKey> inbox_;
  KeyboardWedgeDecoder decoder_;  // only the source's thread touches it
};

}  // namespace kiosk::drivers
