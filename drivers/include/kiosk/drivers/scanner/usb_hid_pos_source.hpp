#pragma once
// Scans from USB barcode scanners in HID Point-of-Sale mode (HID usage page 0x8C), through
// libusb. The source's thread finds a scanner (libusb hotplug events where the system has them,
// a periodic look otherwise), takes its interface from the kernel's HID driver, claims it and
// keeps interrupt IN transfers in flight; reports are reassembled into whole scans. Unplugged,
// it says so and waits for the next one. With no scanner at all it reports exactly that.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "kiosk/drivers/scanner/threaded_scan_source.hpp"

namespace kiosk::drivers {

struct UsbHidPosOptions {
  // Only this scanner; 0 matches any. Without them every HID interface that is not a boot
  // keyboard or mouse is examined, by its report descriptor, without disturbing its driver.
  std::uint16_t vendor_id = 0;
  std::uint16_t product_id = 0;
  // Take the scanner from the kernel's HID driver (given back when the kiosk lets go). Off, a
  // scanner the kernel holds is reported busy.
  bool detach_kernel_driver = true;
  // How often to look again while no scanner is connected: every time without hotplug support;
  // with it, only to notice a scanner whose permission was fixed.
  std::chrono::milliseconds rescan_interval{2000};
  std::chrono::milliseconds rescan_interval_with_hotplug{10000};
};

class UsbHidPosSource final : public ThreadedScanSource {
 public:
  UsbHidPosSource(UsbHidPosOptions options, const Clock& clock, Logger& logger);
  ~UsbHidPosSource() override;

 private:
  struct Impl;
  void run(std::stop_token stop) override;
  void interrupt() override;

  UsbHidPosOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::drivers
