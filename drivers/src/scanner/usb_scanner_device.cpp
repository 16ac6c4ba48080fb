#include "usb_scanner_device.hpp"

#include <string.h>  // explicit_bzero

#include <algorithm>
#include <chrono>
#include <cstdlib>

namespace kiosk::drivers::usb {

UsbScannerDevice::UsbScannerDevice(libusb_context* context, libusb_device_handle* handle,
                                   HidInterface interface, HidPosReportLayout layout, std::string id,
                                   ScanSink sink, Logger& logger)
    : context_(context),
      handle_(handle),
      interface_(interface),
      assembler_(layout),
      id_(std::move(id)),
      sink_(std::move(sink)),
      logger_(logger) {}

UsbScannerDevice::~UsbScannerDevice() {
  stopping_ = true;
  for (auto* transfer : transfers_) {
    if (transfer != nullptr) libusb_cancel_transfer(transfer);
  }
  // A transfer may only be freed once libusb has called back with it; an unplugged device's
  // transfers come back as NO_DEVICE, so this ends.
  for (int turns = 0; in_flight_ > 0 && turns < 100; ++turns) {
    timeval tv{0, 100'000};
    libusb_handle_events_timeout_completed(context_, &tv, nullptr);
  }
  for (auto* transfer : transfers_) {
    if (transfer == nullptr) continue;
    explicit_bzero(transfer->buffer, static_cast<std::size_t>(transfer->length));
    if (in_flight_ == 0) libusb_free_transfer(transfer);  // else leak rather than free a live one
  }
  libusb_release_interface(handle_, interface_.number);  // gives the interface back to the kernel
  libusb_close(handle_);
}

bool UsbScannerDevice::start() {
  const int length =
      static_cast<int>(std::max<std::size_t>(interface_.max_packet, assembler_.layout().report_bytes));
  for (auto*& transfer : transfers_) {
    transfer = libusb_alloc_transfer(0);
    if (transfer == nullptr) break;
    transfer->flags = LIBUSB_TRANSFER_FREE_BUFFER;
    auto* buffer = static_cast<unsigned char*>(std::calloc(static_cast<std::size_t>(length), 1));
    if (buffer == nullptr) break;
    libusb_fill_interrupt_transfer(transfer, handle_, interface_.in_endpoint, buffer, length, &on_transfer,
                                   this, 0 /* no timeout: a scanner is silent until someone scans */);
    if (libusb_submit_transfer(transfer) == 0) ++in_flight_;
  }
  if (in_flight_ == 0) gone_ = true;
  return in_flight_ > 0;
}

void LIBUSB_CALL UsbScannerDevice::on_transfer(libusb_transfer* transfer) {
  static_cast<UsbScannerDevice*>(transfer->user_data)->completed(transfer);
}

void UsbScannerDevice::completed(libusb_transfer* transfer) {
  --in_flight_;
  switch (transfer->status) {
    case LIBUSB_TRANSFER_COMPLETED: {
      consecutive_errors_ = 0;
      const std::span<const std::uint8_t> report(transfer->buffer,
                                                 static_cast<std::size_t>(transfer->actual_length));
      auto added = assembler_.add(report, std::chrono::steady_clock::now());
      // The report held part of a card: it does not stay in the buffer.
      explicit_bzero(transfer->buffer, static_cast<std::size_t>(transfer->length));
      if (!added) {
        logger_.warn("scanner", "usb-hid-pos " + id_ + ": report refused: " + added.error().detail);
      } else if (added->has_value()) {
        sink_(std::move(**added));
      }
      resubmit(transfer);
      break;
    }
    case LIBUSB_TRANSFER_CANCELLED: break;
    case LIBUSB_TRANSFER_NO_DEVICE: gone_ = true; break;
    case LIBUSB_TRANSFER_STALL: libusb_clear_halt(handle_, interface_.in_endpoint); [[fallthrough]];
    default:
      if (++consecutive_errors_ > kMaxConsecutiveErrors) {
        logger_.warn("scanner", "usb-hid-pos " + id_ + ": giving up after repeated transfer errors");
        gone_ = true;
      } else {
        resubmit(transfer);
      }
      break;
  }
}

void UsbScannerDevice::resubmit(libusb_transfer* transfer) {
  if (stopping_ || gone_) return;
  if (libusb_submit_transfer(transfer) == 0) {
    ++in_flight_;
  } else {
    gone_ = true;
  }
}

}  // namespace kiosk::drivers::usb
