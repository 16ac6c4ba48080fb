#pragma once
// What the USB descriptors say about a device's HID interfaces, and the report descriptor the
// kernel already read for one of them. Private to the HID-POS source.

#include <libusb.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kiosk::drivers::usb {

struct HidInterface {
  std::uint8_t number = 0;
  std::uint8_t in_endpoint = 0;
  std::uint16_t max_packet = 64;
  std::uint16_t report_descriptor_length = 0;  // from the HID class descriptor; 0 if absent
};

// Interfaces of class HID that are not boot keyboards or mice and have an interrupt IN endpoint:
// the only ones that can be a HID-POS scanner.
std::vector<HidInterface> scanner_candidates(const libusb_config_descriptor& config);

// The descriptor the kernel's HID driver read, from sysfs, while it is bound to the interface:
// reading it there leaves a touchscreen or keyboard undisturbed. Empty when there is none.
std::optional<std::vector<std::uint8_t>> sysfs_report_descriptor(std::uint8_t bus,
                                                                 std::span<const std::uint8_t> ports,
                                                                 std::uint8_t configuration,
                                                                 std::uint8_t interface);

// "0c2e:0b61"
std::string usb_id(std::uint16_t vendor, std::uint16_t product);

}  // namespace kiosk::drivers::usb
