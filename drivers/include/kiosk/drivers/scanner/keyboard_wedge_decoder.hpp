#pragma once
// Tells a keyboard-wedge scan from a person typing, by timing alone: a scanner types a burst of
// keys a few milliseconds apart, starting with the AAMVA compliance indicator '@'; a person's
// keys are tens to hundreds of milliseconds apart. Pure logic: key times come in with the keys
// and "now" comes in through poll(), so tests replay recorded sequences without sleeping.

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "kiosk/drivers/scanner/wedge_key.hpp"
#include "kiosk/drivers/scanner/wedge_payload.hpp"

namespace kiosk::drivers {

struct WedgeTiming {
  // Keys this close together are machine-typed. Wedges type every 1-20 ms; people rarely get
  // under 50 ms between keys, and never for 20 keys in a row.
  std::chrono::milliseconds max_key_gap{50};
  // A scan is over after this long without a key. Longer than max_key_gap: a wedge can stall
  // for a moment mid-scan (the host was busy), and one scan must not become two.
  std::chrono::milliseconds scan_end_gap{200};
  // A burst counts as a scan once this many keys came fast; the AAMVA header alone is longer.
  std::size_t min_scan_keys = 20;
  // Longer bursts are not a barcode (a stuck key, a paste): dropped.
  std::size_t max_scan_keys = 4096;
};

class KeyboardWedgeDecoder {
 public:
  using Payload = std::vector<std::uint8_t>;

  explicit KeyboardWedgeDecoder(WedgeTiming timing = {});
  KeyboardWedgeDecoder(const KeyboardWedgeDecoder&) = delete;
  KeyboardWedgeDecoder& operator=(const KeyboardWedgeDecoder&) = delete;
  ~KeyboardWedgeDecoder();

  // Feeds one key, in time order. Returns the scan that the pause before this key completed.
  std::optional<Payload> feed(const WedgeKey& key);
  // Completes the current scan once `now` is scan_end_gap past its last key.
  std::optional<Payload> poll(std::chrono::steady_clock::time_point now);
  // When poll() next has something to decide; empty when there is nothing pending.
  std::optional<std::chrono::steady_clock::time_point> deadline() const;
  // True while a burst has proven machine-typed: the keys are going to a scan, not a person.
  bool in_scan() const { return machine_; }

 private:
  std::optional<Payload> finish();
  void discard();

  WedgeTiming timing_;
  std::vector<WedgeToken> tokens_;
  std::size_t keys_ = 0;
  std::chrono::steady_clock::time_point last_{};
  bool started_ = false;   // a burst began with '@'
  bool machine_ = false;   // ...and has been fast for min_scan_keys keys
  bool ignoring_ = false;  // an overlong burst: dropped until the keys stop
};

}  // namespace kiosk::drivers
