// The receipt printer over libusb, synchronous: a job is a few kilobytes sent from the kiosk's
// print worker, never from the UI thread, so blocking bulk transfers with timeouts are enough.
#include <libusb.h>

#include <optional>
#include <string>

#include "kiosk/drivers/printer/receipt_printer.hpp"

namespace kiosk::drivers::printer {
namespace {

constexpr std::uint8_t kPrinterClass = 7;

struct Endpoints {
  std::uint8_t interface = 0;
  std::uint8_t out = 0;
  std::optional<std::uint8_t> in;
};

PrinterError usb_error(int code, std::string_view what) {
  PrinterErrc errc = PrinterErrc::Failed;
  switch (code) {
    case LIBUSB_ERROR_NO_DEVICE: errc = PrinterErrc::Unplugged; break;
    case LIBUSB_ERROR_ACCESS: errc = PrinterErrc::PermissionDenied; break;
    case LIBUSB_ERROR_BUSY: errc = PrinterErrc::Busy; break;
    case LIBUSB_ERROR_TIMEOUT: errc = PrinterErrc::NotAnswering; break;
    default: break;
  }
  return PrinterError{errc, std::string(what) + ": " + libusb_strerror(code)};
}

// The printer-class interface, or for a configured VID:PID the first vendor-specific one, with a
// bulk OUT endpoint (and a bulk IN one when it has it).
std::optional<Endpoints> find_endpoints(libusb_device* device, bool vendor_interface_allowed) {
  libusb_config_descriptor* config = nullptr;
  if (libusb_get_active_config_descriptor(device, &config) != 0) return std::nullopt;
  std::optional<Endpoints> found;
  for (int i = 0; i < config->bNumInterfaces && !found; ++i) {
    const libusb_interface& interface = config->interface[i];
    for (int a = 0; a < interface.num_altsetting && !found; ++a) {
      const libusb_interface_descriptor& setting = interface.altsetting[a];
      const bool usable = setting.bInterfaceClass == kPrinterClass ||
                          (vendor_interface_allowed && setting.bInterfaceClass == LIBUSB_CLASS_VENDOR_SPEC);
      if (!usable) continue;
      Endpoints endpoints;
      endpoints.interface = setting.bInterfaceNumber;
      for (int e = 0; e < setting.bNumEndpoints; ++e) {
        const libusb_endpoint_descriptor& endpoint = setting.endpoint[e];
        if ((endpoint.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK) continue;
        if ((endpoint.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN) {
          if (!endpoints.in) endpoints.in = endpoint.bEndpointAddress;
        } else if (endpoints.out == 0) {
          endpoints.out = endpoint.bEndpointAddress;
        }
      }
      if (endpoints.out != 0) found = endpoints;
    }
  }
  libusb_free_config_descriptor(config);
  return found;
}

class UsbPrinterTransport final : public PrinterTransport {
 public:
  explicit UsbPrinterTransport(UsbPrinterOptions options) : options_(options) {}
  ~UsbPrinterTransport() override { close(); }
  UsbPrinterTransport(const UsbPrinterTransport&) = delete;
  UsbPrinterTransport& operator=(const UsbPrinterTransport&) = delete;

  Status<PrinterError> open() override {
    close();
    if (const int r = libusb_init(&context_); r != 0) {
      context_ = nullptr;
      return fail(usb_error(r, "libusb_init"));
    }
    libusb_device** devices = nullptr;
    const ssize_t count = libusb_get_device_list(context_, &devices);
    int open_error = 0;
    for (ssize_t i = 0; i < count && handle_ == nullptr; ++i) {
      libusb_device_descriptor descriptor{};
      if (libusb_get_device_descriptor(devices[i], &descriptor) != 0) continue;
      const bool named = options_.vendor_id != 0;
      if (named && (descriptor.idVendor != options_.vendor_id ||
                    (options_.product_id != 0 && descriptor.idProduct != options_.product_id))) {
        continue;
      }
      auto endpoints = find_endpoints(devices[i], named);
      if (!endpoints) continue;
      libusb_device_handle* handle = nullptr;
      if (const int r = libusb_open(devices[i], &handle); r != 0) {
        open_error = r;
        continue;
      }
      if (options_.detach_kernel_driver) libusb_set_auto_detach_kernel_driver(handle, 1);
      if (const int r = libusb_claim_interface(handle, endpoints->interface); r != 0) {
        open_error = r;
        libusb_close(handle);
        continue;
      }
      handle_ = handle;
      endpoints_ = *endpoints;
    }
    if (devices != nullptr) libusb_free_device_list(devices, 1);
    if (handle_ != nullptr) return Ok{};
    PrinterError error = open_error != 0 ? usb_error(open_error, "open")
                                         : PrinterError{PrinterErrc::Absent, "no receipt printer on the bus"};
    close();
    return fail(error);
  }

  Status<PrinterError> write(std::span<const std::uint8_t> bytes) override {
    if (handle_ == nullptr) return fail(PrinterError{PrinterErrc::Absent, "not open"});
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      int moved = 0;
      const int r =
          libusb_bulk_transfer(handle_, endpoints_.out, const_cast<std::uint8_t*>(bytes.data() + sent),
                               static_cast<int>(bytes.size() - sent), &moved, options_.write_timeout_ms);
      if (r != 0 && !(r == LIBUSB_ERROR_TIMEOUT && moved > 0)) return fail(usb_error(r, "bulk out"));
      sent += static_cast<std::size_t>(moved);
    }
    return Ok{};
  }

  bool can_read_status() const override { return endpoints_.in.has_value(); }

  Expected<std::uint8_t, PrinterError> read_status() override {
    if (handle_ == nullptr || !endpoints_.in) return fail(PrinterError{PrinterErrc::Absent, "not open"});
    // Some printers answer into a full-size packet; only its first byte is the status.
    std::uint8_t buffer[64] = {};
    int moved = 0;
    const int r = libusb_bulk_transfer(handle_, *endpoints_.in, buffer, sizeof buffer, &moved,
                                       options_.status_timeout_ms);
    if (r != 0) return fail(usb_error(r, "status"));
    if (moved < 1) return fail(PrinterError{PrinterErrc::NotAnswering, "empty status"});
    return buffer[0];
  }

  void close() noexcept override {
    if (handle_ != nullptr) {
      libusb_release_interface(handle_, endpoints_.interface);  // the kernel's driver comes back
      libusb_close(handle_);
      handle_ = nullptr;
    }
    if (context_ != nullptr) {
      libusb_exit(context_);
      context_ = nullptr;
    }
  }

 private:
  UsbPrinterOptions options_;
  libusb_context* context_ = nullptr;
  libusb_device_handle* handle_ = nullptr;
  Endpoints endpoints_;
};

}  // namespace

std::unique_ptr<PrinterTransport> make_usb_printer_transport(UsbPrinterOptions options) {
  return std::make_unique<UsbPrinterTransport>(options);
}

}  // namespace kiosk::drivers::printer
