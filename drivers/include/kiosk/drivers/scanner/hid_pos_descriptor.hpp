#pragma once
// Reads a USB HID report descriptor and decides whether the interface is a barcode scanner (an
// application collection of usage page 0x8C, "Bar Code Scanner"); if so, where the Scanned Data
// Report keeps its byte count, symbology identifier, decoded data and "continued" flag. A
// keyboard, touchscreen or vendor-page device is refused, so the kiosk never claims it.

#include <cstdint>
#include <span>
#include <string>

#include "kiosk/core/expected.hpp"
#include "kiosk/drivers/scanner/hid_pos_report.hpp"

namespace kiosk::drivers {

enum class HidDescriptorErrc {
  Malformed,            // an item runs past the end, unbalanced collections, absurd sizes
  NotBarcodeScanner,    // no top-level Bar Code Scanner collection: another kind of HID device
  NoScannedDataReport,  // a scanner collection without a usable Decoded Data input field
};

struct HidDescriptorError {
  HidDescriptorErrc code;
  std::string detail;  // e.g. "top-level usage page 0x0001 usage 0x06"
};

Expected<HidPosReportLayout, HidDescriptorError> parse_hid_pos_descriptor(
    std::span<const std::uint8_t> descriptor);

}  // namespace kiosk::drivers
