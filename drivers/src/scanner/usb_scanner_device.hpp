#pragma once
// One open, claimed HID-POS scanner: its interrupt IN transfers in flight, its reports
// reassembled into scans. Lives on the HID-POS source's thread, which runs libusb's events.

#include <libusb.h>

#include <array>
#include <functional>
#include <string>

#include "kiosk/core/logger.hpp"
#include "kiosk/drivers/scanner/hid_pos_report.hpp"
#include "usb_hid_interface.hpp"

namespace kiosk::drivers::usb {

class UsbScannerDevice {
 public:
  using ScanSink = std::function<void(HidPosScan)>;

  // Takes the open handle, whose interface is already claimed.
  UsbScannerDevice(libusb_context* context, libusb_device_handle* handle, HidInterface interface,
                   HidPosReportLayout layout, std::string id, ScanSink sink, Logger& logger);
  UsbScannerDevice(const UsbScannerDevice&) = delete;
  UsbScannerDevice& operator=(const UsbScannerDevice&) = delete;
  // Cancels the transfers and waits for libusb to hand them back, then releases and closes.
  ~UsbScannerDevice();

  // Submits the IN transfers. False if none could be submitted (the device already went away).
  bool start();
  // The device was unplugged or failed for good: drop it and look for a scanner again.
  bool gone() const { return gone_; }
  libusb_device* device() const { return libusb_get_device(handle_); }
  const std::string& id() const { return id_; }
  void mark_gone() { gone_ = true; }

 private:
  static void LIBUSB_CALL on_transfer(libusb_transfer* transfer);
  void completed(libusb_transfer* transfer);
  void resubmit(libusb_transfer* transfer);

  // Two in flight, so a report arriving while the other is being handled has somewhere to go.
  static constexpr std::size_t kTransfers = 2;
  static constexpr int kMaxConsecutiveErrors = 10;

  libusb_context* context_;
  libusb_device_handle* handle_;
  HidInterface interface_;
  HidPosScanAssembler assembler_;
  std::string id_;
  ScanSink sink_;
  Logger& logger_;
  std::array<libusb_transfer*, kTransfers> transfers_{};
  int in_flight_ = 0;
  int consecutive_errors_ = 0;
  bool stopping_ = false;
  bool gone_ = false;
};

}  // namespace kiosk::drivers::usb
