#pragma once
// One complete scan as a source hands it to the session: the raw barcode payload, which kind of
// source read it and when. The payload is an ID card's content: it is wiped when dropped and
// cannot be copied by accident.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::drivers {

enum class ScanSourceKind { UsbHidPos, KeyboardWedge, Camera, ImageFile, Replay };

// Stable names for logs and JSON: "usb-hid-pos", "keyboard-wedge", "camera", "image-file", "replay".
std::string_view to_string(ScanSourceKind kind);

struct Scan {
  std::vector<std::uint8_t> payload;
  ScanSourceKind source = ScanSourceKind::Replay;
  std::chrono::steady_clock::time_point received{};
  // The AIM symbology identifier when the scanner reports one ("]L0".."]L2" is PDF417).
  std::string symbology;

  Scan() = default;
  Scan(std::vector<std::uint8_t> bytes, ScanSourceKind kind, std::chrono::steady_clock::time_point at,
       std::string aim_symbology = {});
  Scan(Scan&& other) noexcept;
  Scan& operator=(Scan&& other) noexcept;
  Scan(const Scan&) = delete;
  Scan& operator=(const Scan&) = delete;
  ~Scan();

  std::string_view text() const { return {reinterpret_cast<const char*>(payload.data()), payload.size()}; }
};

}  // namespace kiosk::drivers
