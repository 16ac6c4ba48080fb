#include "kiosk/drivers/scanner/usb_hid_pos_source.hpp"

#include <libusb.h>

#include <mutex>
#include <optional>
#include <set>
#include <utility>

#include "kiosk/drivers/scanner/hid_pos_descriptor.hpp"
#include "usb_hid_interface.hpp"
#include "usb_scanner_device.hpp"

namespace kiosk::drivers {
namespace {

using DeviceKey = std::pair<std::uint8_t, std::uint8_t>;  // bus, address

constexpr unsigned kControlTimeoutMs = 1000;
// Standard GET_DESCRIPTOR, device to host, addressed to an interface.
constexpr std::uint8_t kInterfaceDescriptorRequest = 0x81;
constexpr std::size_t kMaxReportDescriptor = 4096;

DeviceKey key_of(libusb_device* device) {
  return {libusb_get_bus_number(device), libusb_get_device_address(device)};
}

enum class Verdict { Scanner, NotScanner, Unknown, Busy, Denied };

Verdict verdict_for_claim_error(int error) {
  if (error == LIBUSB_ERROR_BUSY) return Verdict::Busy;
  if (error == LIBUSB_ERROR_ACCESS) return Verdict::Denied;
  return Verdict::Unknown;
}

std::optional<std::vector<std::uint8_t>> read_report_descriptor(libusb_device_handle* handle,
                                                                const usb::HidInterface& interface) {
  std::size_t length = interface.report_descriptor_length;
  if (length == 0 || length > kMaxReportDescriptor) length = kMaxReportDescriptor;
  std::vector<std::uint8_t> descriptor(length);
  const int got =
      libusb_control_transfer(handle, kInterfaceDescriptorRequest, LIBUSB_REQUEST_GET_DESCRIPTOR,
                              static_cast<std::uint16_t>(LIBUSB_DT_REPORT << 8), interface.number,
                              descriptor.data(), static_cast<std::uint16_t>(length), kControlTimeoutMs);
  if (got <= 0) return std::nullopt;
  descriptor.resize(static_cast<std::size_t>(got));
  return descriptor;
}

}  // namespace

struct UsbHidPosSource::Impl {
  UsbHidPosSource& source;
  const UsbHidPosOptions& options;
  std::mutex context_mutex;  // guards `context` against interrupt() from the stopping thread
  libusb_context* context = nullptr;
  libusb_hotplug_callback_handle hotplug{};
  bool hotplug_registered = false;
  bool rescan = true;
  std::set<DeviceKey> not_scanners;  // examined once; forgotten when they leave
  std::unique_ptr<usb::UsbScannerDevice> scanner;
  std::optional<SourceStatus> blocked;  // a scanner the last look found but could not take

  Impl(UsbHidPosSource& owner, const UsbHidPosOptions& opts) : source(owner), options(opts) {}

  bool filtered() const { return options.vendor_id != 0 || options.product_id != 0; }

  static int LIBUSB_CALL on_hotplug(libusb_context*, libusb_device* device, libusb_hotplug_event event,
                                    void* user_data) {
    auto* self = static_cast<Impl*>(user_data);
    if (event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED) {
      self->rescan = true;
    } else {
      self->not_scanners.erase(key_of(device));
      if (self->scanner && self->scanner->device() == device) self->scanner->mark_gone();
    }
    return 0;  // stay registered
  }

  void register_hotplug() {
    if (libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) == 0) return;
    const int vendor = options.vendor_id != 0 ? options.vendor_id : LIBUSB_HOTPLUG_MATCH_ANY;
    const int product = options.product_id != 0 ? options.product_id : LIBUSB_HOTPLUG_MATCH_ANY;
    const auto events = static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED |
                                                          LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT);
    hotplug_registered = libusb_hotplug_register_callback(context, events, LIBUSB_HOTPLUG_NO_FLAGS, vendor,
                                                          product, LIBUSB_HOTPLUG_MATCH_ANY, &on_hotplug,
                                                          this, &hotplug) == LIBUSB_SUCCESS;
  }

  int claim(libusb_device_handle* handle, std::uint8_t interface, bool detach) {
    // libusb detaches the kernel's driver as it claims, and re-attaches it on release.
    if (detach) libusb_set_auto_detach_kernel_driver(handle, 1);
    return libusb_claim_interface(handle, interface);
  }

  // Decides from its report descriptor whether `interface` is a scanner; when it is, it is left
  // claimed. A descriptor the kernel already has is read from sysfs; taking an interface away
  // from its driver just to look (a touchscreen's!) is done only for a configured VID:PID.
  std::pair<Verdict, HidPosReportLayout> examine(libusb_device* device, libusb_device_handle* handle,
                                                 const usb::HidInterface& interface,
                                                 std::uint8_t configuration, const std::string& id) {
    const bool driver_bound = libusb_kernel_driver_active(handle, interface.number) == 1;
    std::optional<std::vector<std::uint8_t>> descriptor;
    if (driver_bound) {
      std::uint8_t ports[8];
      const int depth = libusb_get_port_numbers(device, ports, sizeof ports);
      if (depth > 0) {
        descriptor = usb::sysfs_report_descriptor(
            libusb_get_bus_number(device),
            std::span<const std::uint8_t>(ports, static_cast<std::size_t>(depth)), configuration,
            interface.number);
      }
      if (!descriptor && !filtered()) return {Verdict::Unknown, {}};
    }
    bool claimed = false;
    if (!descriptor) {
      if (const int r = claim(handle, interface.number, driver_bound && options.detach_kernel_driver);
          r != 0) {
        return {verdict_for_claim_error(r), {}};
      }
      claimed = true;
      descriptor = read_report_descriptor(handle, interface);
    }
    auto layout = descriptor ? parse_hid_pos_descriptor(*descriptor)
                             : Expected<HidPosReportLayout, HidDescriptorError>(
                                   fail(HidDescriptorError{HidDescriptorErrc::Malformed, "unreadable"}));
    if (!layout) {
      if (claimed) libusb_release_interface(handle, interface.number);
      const bool other_device = layout.error().code == HidDescriptorErrc::NotBarcodeScanner;
      source.logger().write(other_device ? LogLevel::Debug : LogLevel::Warning, "scanner",
                            "usb-hid-pos " + id + " interface " + std::to_string(interface.number) +
                                ": not usable as a scanner: " + layout.error().detail);
      return {other_device ? Verdict::NotScanner : Verdict::Unknown, {}};
    }
    if (!claimed) {
      if (const int r = claim(handle, interface.number, options.detach_kernel_driver); r != 0) {
        return {verdict_for_claim_error(r), {}};
      }
    }
    return {Verdict::Scanner, *layout};
  }

  // True when `device` became the connected scanner.
  bool try_device(libusb_device* device) {
    libusb_device_descriptor descriptor{};
    if (libusb_get_device_descriptor(device, &descriptor) != 0) return false;
    if (options.vendor_id != 0 && descriptor.idVendor != options.vendor_id) return false;
    if (options.product_id != 0 && descriptor.idProduct != options.product_id) return false;
    const DeviceKey key = key_of(device);
    if (not_scanners.contains(key)) return false;

    libusb_config_descriptor* config = nullptr;
    if (libusb_get_active_config_descriptor(device, &config) != 0) return false;
    const auto candidates = usb::scanner_candidates(*config);
    const std::uint8_t configuration = config->bConfigurationValue;
    libusb_free_config_descriptor(config);
    if (candidates.empty()) {
      not_scanners.insert(key);
      return false;
    }

    const std::string id = usb::usb_id(descriptor.idVendor, descriptor.idProduct);
    libusb_device_handle* handle = nullptr;
    if (const int r = libusb_open(device, &handle); r != 0) {
      if (r == LIBUSB_ERROR_ACCESS) blocked = SourceStatus{SourceState::PermissionDenied, id};
      return false;
    }
    bool undecided = false;
    for (const auto& interface : candidates) {
      auto [verdict, layout] = examine(device, handle, interface, configuration, id);
      switch (verdict) {
        case Verdict::Scanner: {
          scanner = std::make_unique<usb::UsbScannerDevice>(
              context, handle, interface, layout, id,
              [this](HidPosScan scan) { source.deliver(std::move(scan.payload), std::move(scan.symbology)); },
              source.logger());
          if (!scanner->start()) {
            scanner.reset();  // closes the handle
            return false;
          }
          return true;
        }
        case Verdict::Busy:
          blocked = SourceStatus{SourceState::Busy, id};
          undecided = true;
          break;
        case Verdict::Denied:
          blocked = SourceStatus{SourceState::PermissionDenied, id};
          undecided = true;
          break;
        case Verdict::Unknown: undecided = true; break;
        case Verdict::NotScanner: break;
      }
    }
    libusb_close(handle);
    if (!undecided) not_scanners.insert(key);
    return false;
  }

  void look_for_scanner() {
    blocked.reset();
    libusb_device** devices = nullptr;
    const ssize_t count = libusb_get_device_list(context, &devices);
    for (ssize_t i = 0; i < count && !scanner; ++i) try_device(devices[i]);
    if (devices != nullptr) libusb_free_device_list(devices, 1);
    if (scanner) {
      source.set_status(SourceState::Connected, scanner->id());
    } else if (blocked) {
      source.set_status(blocked->state, blocked->detail);
    } else {
      source.set_status(SourceState::Waiting);
    }
  }
};

UsbHidPosSource::UsbHidPosSource(UsbHidPosOptions options, const Clock& clock, Logger& logger)
    : ThreadedScanSource(ScanSourceKind::UsbHidPos, clock, logger),
      options_(options),
      impl_(std::make_unique<Impl>(*this, options_)) {}

UsbHidPosSource::~UsbHidPosSource() {
  stop();
}

void UsbHidPosSource::interrupt() {
  std::lock_guard lock(impl_->context_mutex);
  if (impl_->context != nullptr) libusb_interrupt_event_handler(impl_->context);
}

void UsbHidPosSource::run(std::stop_token stop) {
  libusb_context* context = nullptr;
  if (const int r = libusb_init(&context); r != 0) {
    set_status(SourceState::Failed, std::string("libusb: ") + libusb_strerror(r));
    while (sleep_for(stop, std::chrono::hours(1))) {
    }
    return;
  }
  {
    std::lock_guard lock(impl_->context_mutex);
    impl_->context = context;
  }
  impl_->register_hotplug();
  impl_->rescan = true;
  const auto interval =
      impl_->hotplug_registered ? options_.rescan_interval_with_hotplug : options_.rescan_interval;
  auto next_look = std::chrono::steady_clock::now();
  while (!stop.stop_requested()) {
    const auto now = std::chrono::steady_clock::now();
    if (!impl_->scanner && (impl_->rescan || now >= next_look)) {
      impl_->rescan = false;
      impl_->look_for_scanner();
      next_look = now + interval;
    }
    timeval tv{0, 250'000};
    libusb_handle_events_timeout_completed(context, &tv, nullptr);
    if (impl_->scanner && impl_->scanner->gone()) {
      logger().info("scanner", "usb-hid-pos " + impl_->scanner->id() + ": disconnected");
      impl_->scanner.reset();
      impl_->rescan = true;
      set_status(SourceState::Waiting);
    }
  }
  impl_->scanner.reset();
  if (impl_->hotplug_registered) libusb_hotplug_deregister_callback(context, impl_->hotplug);
  impl_->hotplug_registered = false;
  impl_->not_scanners.clear();
  {
    std::lock_guard lock(impl_->context_mutex);
    impl_->context = nullptr;
  }
  libusb_exit(context);
}

}  // namespace kiosk::drivers
