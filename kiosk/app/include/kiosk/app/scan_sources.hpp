#pragma once
// The kiosk's sources of scans, chosen by the config and started together, all feeding the one
// queue the session reads: the USB HID-POS scanner always (it waits quietly when there is none),
// the keyboard-wedge decoder when scanner.keyboard_wedge is on, a camera when camera.device names
// one.

#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/drivers/scanner/keyboard_wedge_source.hpp"
#include "kiosk/drivers/scanner/scan_queue.hpp"
#include "kiosk/drivers/scanner/scan_source.hpp"

namespace kiosk {

class ScanSources {
 public:
  ScanSources(const KioskConfig& config, const Clock& clock, Logger& logger);
  // Stops every source before the queue and the wake callback's target go away.
  ~ScanSources();
  ScanSources(const ScanSources&) = delete;
  ScanSources& operator=(const ScanSources&) = delete;

  // `wake` runs on a source's thread after each scan is queued (e.g. Platform::wake).
  void start(std::function<void()> wake);
  // Takes the keys the platform saw since the last call (ignored when the wedge source is off)
  // and wipes them: a wedge types a client's card.
  void take_keys(std::vector<drivers::WedgeKey>& keys);

  drivers::ScanQueue& queue() { return queue_; }
  std::vector<std::pair<drivers::ScanSourceKind, drivers::SourceStatus>> statuses() const;

 private:
  drivers::ScanQueue queue_;
  std::vector<std::unique_ptr<drivers::ScanSource>> sources_;
  drivers::KeyboardWedgeSource* wedge_ = nullptr;  // owned by sources_
};

}  // namespace kiosk
