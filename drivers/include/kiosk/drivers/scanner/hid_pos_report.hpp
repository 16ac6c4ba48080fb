#pragma once
// Input reports of a USB HID Point-of-Sale barcode scanner (HID usage page 0x8C, "Scanned Data
// Report"), and the reassembly of a scan that spans several of them. Pure functions over bytes:
// no libusb here, so every layout and every malformed report is testable from recorded bytes.
//
// The common report (64 bytes, report id 2) carries: a byte count; the three AIM symbology
// identifier bytes ("]L2" for PDF417); up to 56 bytes of decoded data; two vendor bytes; and a
// flags byte whose bit 0 is "Decode Data Continued": more reports of the same scan follow. An
// AAMVA payload of 300-700 bytes therefore arrives as 6-13 reports.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kiosk/core/expected.hpp"

namespace kiosk::drivers {

// Where each field sits in the scanner's input report, as byte offsets from the report's first
// byte (the report id byte, when the device uses report ids). Read from the device's HID report
// descriptor (hid_pos_descriptor.hpp), or the common layout when a device gives none.
struct HidPosReportLayout {
  std::uint8_t report_id = 2;                // 0: the device sends no report id byte
  std::optional<std::size_t> length_at = 1;  // Byte Count (Generic Desktop 0x3B)
  std::array<std::optional<std::size_t>, 3> symbology_at{2, 3, 4};
  std::size_t data_at = 5;  // Decoded Data (0x8C:0xFE)
  std::size_t data_capacity = 56;
  std::optional<std::size_t> continued_bit = 63 * 8;  // Decode Data Continued (0x8C:0xFF), in bits
  std::size_t report_bytes = 64;

  bool operator==(const HidPosReportLayout&) const = default;
};

enum class HidPosReportErrc {
  TooShort,     // shorter than the fields the layout needs
  BadLength,    // the byte count claims more data than the field holds
  ScanTooLong,  // the reassembled scan passed the size limit: a stuck "continued" flag, or garbage
};

struct HidPosReportError {
  HidPosReportErrc code;
  std::string detail;
};

struct HidPosFragment {
  std::span<const std::uint8_t> data;  // points into the report
  std::string symbology;               // AIM identifier, e.g. "]L2"; empty when not reported
  bool continued = false;              // more reports of this scan follow
};

// One report. Empty (no fragment) for a report that is not the Scanned Data Report (another
// report id: a status or trigger report).
Expected<std::optional<HidPosFragment>, HidPosReportError> parse_hid_pos_report(
    std::span<const std::uint8_t> report, const HidPosReportLayout& layout);

struct HidPosScan {
  std::vector<std::uint8_t> payload;
  std::string symbology;
};

// Joins fragments into scans. Partial data is wiped when a scan completes, is abandoned or the
// assembler is destroyed.
class HidPosScanAssembler {
 public:
  static constexpr std::size_t kDefaultMaxScanBytes = 8192;  // PDF417 holds at most ~1,850 characters
  static constexpr std::chrono::milliseconds kDefaultMaxGap{1000};

  explicit HidPosScanAssembler(HidPosReportLayout layout, std::size_t max_scan_bytes = kDefaultMaxScanBytes,
                               std::chrono::milliseconds max_gap = kDefaultMaxGap);
  HidPosScanAssembler(const HidPosScanAssembler&) = delete;
  HidPosScanAssembler& operator=(const HidPosScanAssembler&) = delete;
  ~HidPosScanAssembler();

  // Adds one report received at `at`. Returns the scan this report completed; empty while more
  // reports are expected or for reports that carry no scan. A partial scan older than `max_gap`
  // is abandoned first: its last report was lost (the scanner was unplugged mid-scan, say).
  // On an error the partial scan is abandoned too.
  Expected<std::optional<HidPosScan>, HidPosReportError> add(std::span<const std::uint8_t> report,
                                                             std::chrono::steady_clock::time_point at);
  // True while a scan has started and its last report has not come.
  bool pending() const { return pending_; }
  // Abandons (and wipes) a partial scan.
  void reset();
  const HidPosReportLayout& layout() const { return layout_; }

 private:
  HidPosReportLayout layout_;
  std::size_t max_scan_bytes_;
  std::chrono::milliseconds max_gap_;
  std::vector<std::uint8_t> partial_;
  std::string symbology_;
  std::chrono::steady_clock::time_point last_{};
  bool pending_ = false;
};

}  // namespace kiosk::drivers
