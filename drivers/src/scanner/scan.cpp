#include "kiosk/drivers/scanner/scan.hpp"

#include "kiosk/core/sensitive.hpp"

namespace kiosk::drivers {

std::string_view to_string(ScanSourceKind kind) {
  switch (kind) {
    case ScanSourceKind::UsbHidPos: return "usb-hid-pos";
    case ScanSourceKind::KeyboardWedge: return "keyboard-wedge";
    case ScanSourceKind::Camera: return "camera";
    case ScanSourceKind::ImageFile: return "image-file";
    case ScanSourceKind::Replay: return "replay";
  }
  return "unknown";
}

Scan::Scan(std::vector<std::uint8_t> bytes, ScanSourceKind kind, std::chrono::steady_clock::time_point at,
           std::string aim_symbology)
    : payload(std::move(bytes)), source(kind), received(at), symbology(std::move(aim_symbology)) {}

Scan::Scan(Scan&& other) noexcept
    : payload(std::move(other.payload)),
      source(other.source),
      received(other.received),
      symbology(std::move(other.symbology)) {
  other.payload.clear();
}

Scan& Scan::operator=(Scan&& other) noexcept {
  if (this != &other) {
    wipe(payload);
    payload = std::move(other.payload);
    other.payload.clear();
    source = other.source;
    received = other.received;
    symbology = std::move(other.symbology);
  }
  return *this;
}

Scan::~Scan() {
  wipe(payload);
}

}  // namespace kiosk::drivers
