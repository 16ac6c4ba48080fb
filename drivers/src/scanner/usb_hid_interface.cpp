#include "usb_hid_interface.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace kiosk::drivers::usb {
namespace {

constexpr std::uint8_t kHidClass = 0x03;
constexpr std::uint8_t kBootSubclass = 0x01;
constexpr std::uint8_t kHidDescriptorType = 0x21;
constexpr std::uint8_t kReportDescriptorType = 0x22;

// The HID class descriptor sits in the interface's extra bytes: bLength, 0x21, bcdHID (2),
// bCountryCode, bNumDescriptors, then (bDescriptorType, wDescriptorLength) per descriptor.
std::uint16_t report_descriptor_length(const libusb_interface_descriptor& alt) {
  std::span<const unsigned char> extra(alt.extra, static_cast<std::size_t>(alt.extra_length));
  while (extra.size() >= 2) {
    const std::size_t length = extra[0];
    if (length < 2 || length > extra.size()) break;
    if (extra[1] == kHidDescriptorType && length >= 6) {
      const std::size_t count = extra[5];
      for (std::size_t k = 0; k < count && 6 + 3 * k + 2 < length; ++k) {
        const std::size_t at = 6 + 3 * k;
        if (extra[at] == kReportDescriptorType) {
          return static_cast<std::uint16_t>(extra[at + 1] | (extra[at + 2] << 8));
        }
      }
    }
    extra = extra.subspan(length);
  }
  return 0;
}

}  // namespace

std::vector<HidInterface> scanner_candidates(const libusb_config_descriptor& config) {
  std::vector<HidInterface> found;
  for (int i = 0; i < config.bNumInterfaces; ++i) {
    const libusb_interface& interface = config.interface[i];
    if (interface.num_altsetting < 1) continue;
    const libusb_interface_descriptor& alt = interface.altsetting[0];
    if (alt.bInterfaceClass != kHidClass || alt.bInterfaceSubClass == kBootSubclass) continue;
    for (int e = 0; e < alt.bNumEndpoints; ++e) {
      const libusb_endpoint_descriptor& endpoint = alt.endpoint[e];
      const bool in = (endpoint.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN;
      const bool interrupt =
          (endpoint.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) == LIBUSB_TRANSFER_TYPE_INTERRUPT;
      if (in && interrupt) {
        found.push_back({alt.bInterfaceNumber, endpoint.bEndpointAddress, endpoint.wMaxPacketSize,
                         report_descriptor_length(alt)});
        break;
      }
    }
  }
  return found;
}

std::optional<std::vector<std::uint8_t>> sysfs_report_descriptor(std::uint8_t bus,
                                                                 std::span<const std::uint8_t> ports,
                                                                 std::uint8_t configuration,
                                                                 std::uint8_t interface) {
  if (ports.empty()) return std::nullopt;
  // The kernel names an interface "<bus>-<port>.<port>...:<configuration>.<interface>".
  // Appended piece by piece: GCC 12 at -O3 mistakes `"." + std::to_string(...)` for an
  // overlapping copy (-Wrestrict, a known false positive).
  std::string name = std::to_string(bus);
  name += '-';
  for (std::size_t k = 0; k < ports.size(); ++k) {
    if (k > 0) name += '.';
    name += std::to_string(ports[k]);
  }
  name += ':';
  name += std::to_string(configuration);
  name += '.';
  name += std::to_string(interface);
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::path("/sys/bus/usb/devices") / name;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto file = entry.path() / "report_descriptor";
    std::ifstream in(file, std::ios::binary);
    if (!in) continue;
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!bytes.empty()) return bytes;
  }
  return std::nullopt;
}

std::string usb_id(std::uint16_t vendor, std::uint16_t product) {
  char text[16];
  std::snprintf(text, sizeof text, "%04x:%04x", vendor, product);
  return text;
}

}  // namespace kiosk::drivers::usb
