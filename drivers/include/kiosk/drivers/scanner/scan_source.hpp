#pragma once
// The one interface every source of scans implements: a USB HID-POS scanner, a keyboard-wedge
// scanner, a camera, a folder of image files, a replay of recorded payloads. Each runs on its own
// thread and hands complete scans to the session through a ScanQueue.

#include <string>
#include <string_view>

#include "kiosk/core/language.hpp"
#include "kiosk/drivers/scanner/scan.hpp"
#include "kiosk/drivers/scanner/scan_queue.hpp"

namespace kiosk::drivers {

enum class SourceState {
  Stopped,           // not started, or stopped
  Waiting,           // running, no scanner connected yet
  Connected,         // a scanner device is open: its scans will arrive
  Listening,         // a source with no device of its own (keyboard wedge, camera) is taking input
  Replaying,         // a replay is playing recorded scans
  PermissionDenied,  // a scanner is there but the kiosk may not open it
  Busy,              // a scanner is there but another program holds it
  Failed,            // the source cannot work at all (e.g. no USB support); detail says why
  Finished,          // a replay or file list has been played to its end
};

// What a field tech reads on the diagnostics screen, in both languages.
Bilingual describe(SourceState state);
// Stable names for JSON: "waiting", "connected", "permission-denied", ...
std::string_view to_string(SourceState state);

struct SourceStatus {
  SourceState state = SourceState::Stopped;
  // Language-neutral: which device ("0c2e:0b61"), how many items ("3"), a library's own words.
  // Never anything read from a card.
  std::string detail;

  // "connected: 0c2e:0b61", "no scanner connected — waiting".
  std::string text(Language language) const;
  bool operator==(const SourceStatus&) const = default;
};

class ScanSource {
 public:
  virtual ~ScanSource() = default;

  virtual ScanSourceKind kind() const = 0;
  // Starts the source's thread, which pushes into `queue` until stop(). The queue must outlive
  // the source's running. Starting a running source does nothing.
  virtual void start(ScanQueue& queue) = 0;
  // Stops and joins the thread. Safe to call more than once.
  virtual void stop() = 0;
  // Thread-safe.
  virtual SourceStatus status() const = 0;
};

}  // namespace kiosk::drivers
