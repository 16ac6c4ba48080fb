#include "emulated_usb_bus.hpp"

#include <linux/usbdevice_fs.h>
#include <sys/ioctl.h>
#include <umockdev.h>

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace scanner_test {
namespace {

// Holds one reference to an UMockdevIoctlData; umockdev's resolve() hands out a new one.
struct DataRef {
  UMockdevIoctlData* data;
  explicit DataRef(UMockdevIoctlData* d) : data(d) {}
  ~DataRef() {
    if (data != nullptr) umockdev_ioctl_data_unref(data);
  }
  DataRef(const DataRef&) = delete;
  DataRef& operator=(const DataRef&) = delete;
  template <class T>
  T* as() const {
    return reinterpret_cast<T*>(data->data);
  }
};

DataRef resolve(UMockdevIoctlData* parent, std::size_t offset, std::size_t length) {
  return DataRef(umockdev_ioctl_data_resolve(parent, offset, length, nullptr));
}

std::string hex(const Bytes& bytes) {
  std::string out;
  char two[3];
  for (auto b : bytes) {
    std::snprintf(two, sizeof two, "%02X", b);
    out += two;
  }
  return out;
}

void put16(Bytes& out, std::size_t value) {
  out.push_back(static_cast<std::uint8_t>(value & 0xFF));
  out.push_back(static_cast<std::uint8_t>(value >> 8));
}

// Device descriptor, then one configuration: a HID interface with its HID class descriptor and
// one interrupt IN endpoint (0x81, 64 bytes), as a HID-POS scanner presents them.
Bytes usb_descriptors(const EmulatedDevice& device) {
  Bytes out = {18, 0x01, 0x10, 0x01, 0x00, 0x00, 0x00, 64};
  put16(out, device.vendor);
  put16(out, device.product);
  out.insert(out.end(), {0x00, 0x01, 1, 2, 3, 1});
  if (device.printer) {
    // One printer-class interface (7/1/2, bidirectional), bulk OUT 0x01 and bulk IN 0x82.
    out.insert(out.end(), {9, 0x02});
    put16(out, 9 + 9 + 7 + 7);
    out.insert(out.end(), {1, 1, 0, 0x80, 50});
    out.insert(out.end(), {9, 0x04, 0, 0, 2, 0x07, 0x01, 0x02, 0});
    out.insert(out.end(), {7, 0x05, 0x01, 0x02, 64, 0, 0});
    out.insert(out.end(), {7, 0x05, 0x82, 0x02, 64, 0, 0});
    return out;
  }
  out.insert(out.end(), {9, 0x02});
  put16(out, 9 + 9 + 9 + 7);
  out.insert(out.end(), {1, 1, 0, 0x80, 50});
  out.insert(out.end(), {9, 0x04, 0, 0, 1, 0x03, device.interface_subclass, 0, 0});
  out.insert(out.end(), {9, 0x21, 0x11, 0x01, 0, 1, 0x22});
  put16(out, device.report_descriptor.size());
  out.insert(out.end(), {7, 0x05, 0x81, 0x03, 64, 0, 1});
  return out;
}

constexpr unsigned kCapabilities = USBDEVFS_CAP_ZERO_PACKET | USBDEVFS_CAP_NO_PACKET_SIZE_LIM;

}  // namespace

EmulatedUsbBus::EmulatedUsbBus() {
  testbed_ = umockdev_testbed_new();
  handler_ = umockdev_ioctl_base_new();
  g_signal_connect(handler_, "handle-ioctl", G_CALLBACK(&EmulatedUsbBus::handle_ioctl), this);
}

EmulatedUsbBus::~EmulatedUsbBus() {
  {
    std::lock_guard lock(mutex_);
    for (auto& [node, device] : devices_) {
      for (auto* list : {&device.interrupt_in_flight, &device.completed}) {
        for (auto& urb : *list) umockdev_ioctl_data_unref(urb.data);
        list->clear();
      }
    }
  }
  g_signal_handlers_disconnect_by_data(handler_, this);
  g_object_unref(handler_);
  g_object_unref(testbed_);
}

std::string EmulatedUsbBus::devnode(int devnum) {
  char path[32];
  std::snprintf(path, sizeof path, "/dev/bus/usb/001/%03d", devnum);
  return path;
}

void EmulatedUsbBus::plug(const EmulatedDevice& spec) {
  const std::string node = devnode(spec.devnum);
  const std::string port = "1-" + std::to_string(spec.devnum);
  const std::string syspath = "/devices/pci0000:00/0000:00:14.0/usb1/" + port;
  {
    std::lock_guard lock(mutex_);
    // Erased and rebuilt in place: assigning a fresh temporary trips a false
    // -Wmaybe-uninitialized in GCC 12 at -O3.
    devices_.erase(node);
    Device& device = devices_[node];
    device.spec = spec;
    device.syspath = "/sys" + syspath;
    device.activity.driver_bound = spec.kernel_driver_bound;
  }
  // The ioctl handler first, so the node answers from the moment libusb can see it.
  if (!umockdev_testbed_attach_ioctl(testbed_, node.c_str(), handler_, nullptr)) {
    throw std::runtime_error("umockdev: cannot attach an ioctl handler to " + node);
  }
  char hid_name[32];
  std::snprintf(hid_name, sizeof hid_name, "0003:%04X:%04X.%04X", spec.vendor, spec.product, spec.devnum);
  std::string description =
      "P: " + syspath + "\nN: " + node.substr(5) +
      "\nE: SUBSYSTEM=usb\nE: DEVTYPE=usb_device\nE: DRIVER=usb\n" +
      "E: BUSNUM=001\nE: DEVNUM=" + node.substr(node.size() - 3) + "\nE: DEVNAME=" + node + "\n" +
      "A: busnum=1\\n\nA: devnum=" + std::to_string(spec.devnum) + "\\n\nA: bConfigurationValue=1\\n\n" +
      "A: speed=12\\n\nH: descriptors=" + hex(usb_descriptors(spec)) + "\n\n" + "P: " + syspath + "/" + port +
      ":1.0\nE: SUBSYSTEM=usb\nE: DEVTYPE=usb_interface\n" +
      (spec.kernel_driver_bound ? "E: DRIVER=usbhid\n" : "") +
      "A: bInterfaceClass=" + (spec.printer ? "07" : "03") + "\\n\n";
  if (spec.kernel_driver_bound) {
    description += "\nP: " + syspath + "/" + port + ":1.0/" + hid_name + "\nE: SUBSYSTEM=hid\n" +
                   "E: DRIVER=hid-generic\nH: report_descriptor=" + hex(spec.report_descriptor) + "\n";
  }
  GError* error = nullptr;
  if (!umockdev_testbed_add_from_string(testbed_, description.c_str(), &error)) {
    const std::string message = error != nullptr ? error->message : "?";
    g_clear_error(&error);
    throw std::runtime_error("umockdev: cannot add the device: " + message);
  }
  umockdev_testbed_uevent(testbed_, ("/sys" + syspath).c_str(), "add");
}

void EmulatedUsbBus::unplug(int devnum) {
  std::string syspath;
  {
    std::lock_guard lock(mutex_);
    Device& device = devices_.at(devnode(devnum));
    device.unplugged = true;
    syspath = device.syspath;
  }
  umockdev_testbed_uevent(testbed_, syspath.c_str(), "remove");
  umockdev_testbed_remove_device(testbed_, syspath.c_str());
}

void EmulatedUsbBus::send_reports(int devnum, const std::vector<Bytes>& reports) {
  std::lock_guard lock(mutex_);
  auto& queue = devices_.at(devnode(devnum)).reports;
  queue.insert(queue.end(), reports.begin(), reports.end());
}

std::size_t EmulatedUsbBus::reports_waiting(int devnum) const {
  std::lock_guard lock(mutex_);
  return devices_.at(devnode(devnum)).reports.size();
}

DeviceActivity EmulatedUsbBus::activity(int devnum) const {
  std::lock_guard lock(mutex_);
  auto found = devices_.find(devnode(devnum));
  return found == devices_.end() ? DeviceActivity{} : found->second.activity;
}

EmulatedUsbBus::Device* EmulatedUsbBus::device_for(const std::string& node) {
  auto found = devices_.find(node);
  return found == devices_.end() ? nullptr : &found->second;
}

int EmulatedUsbBus::handle_ioctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, void* self) {
  return static_cast<EmulatedUsbBus*>(self)->ioctl(client) ? TRUE : FALSE;
}

// Runs on umockdev's thread, once per ioctl the program under test makes on a device node.
bool EmulatedUsbBus::ioctl(UMockdevIoctlClient* client) {
  const unsigned long request = umockdev_ioctl_client_get_request(client);
  UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
  std::lock_guard lock(mutex_);
  Device* device = device_for(umockdev_ioctl_client_get_devnode(client));
  if (device == nullptr) return false;
  DeviceActivity& did = device->activity;
  auto done = [client](long result, int error) {
    umockdev_ioctl_client_complete(client, result, error);
    return true;
  };
  const bool gone = device->unplugged;

  switch (request) {
    case USBDEVFS_GET_CAPABILITIES: {
      DataRef caps = resolve(arg, 0, sizeof(std::uint32_t));
      *caps.as<std::uint32_t>() = kCapabilities;
      ++did.opens;
      return done(0, 0);
    }
    case USBDEVFS_GETDRIVER: {
      if (!did.driver_bound) return done(-1, ENODATA);
      DataRef query = resolve(arg, 0, sizeof(usbdevfs_getdriver));
      std::strcpy(query.as<usbdevfs_getdriver>()->driver, "usbhid");
      return done(0, 0);
    }
    case USBDEVFS_CLAIMINTERFACE:
      if (gone) return done(-1, ENODEV);
      if (did.driver_bound) {
        ++did.refused_claims;
        return done(-1, EBUSY);
      }
      ++did.claims;
      did.claimed = true;
      return done(0, 0);
    case USBDEVFS_DISCONNECT_CLAIM:
      if (gone) return done(-1, ENODEV);
      ++did.disconnect_claims;
      did.driver_bound = false;
      did.claimed = true;
      return done(0, 0);
    case USBDEVFS_RELEASEINTERFACE:
      if (did.claimed) ++did.releases;
      did.claimed = false;
      return done(0, 0);
    case USBDEVFS_IOCTL: {
      DataRef call = resolve(arg, 0, sizeof(usbdevfs_ioctl));
      const int code = call.as<usbdevfs_ioctl>()->ioctl_code;
      if (code == static_cast<int>(USBDEVFS_CONNECT)) {
        if (did.claimed) return done(-1, EBUSY);
        if (!did.driver_bound) ++did.reattaches;
        did.driver_bound = true;
        return done(0, 0);
      }
      if (code == static_cast<int>(USBDEVFS_DISCONNECT)) {
        did.driver_bound = false;
        return done(0, 0);
      }
      return done(-1, ENOTTY);
    }
    case USBDEVFS_CLEAR_HALT:
    case USBDEVFS_RESETEP:
    case USBDEVFS_RESET: return done(gone ? -1 : 0, gone ? ENODEV : 0);

    case USBDEVFS_SUBMITURB: {
      if (gone) return done(-1, ENODEV);
      DataRef urb_data = resolve(arg, 0, sizeof(usbdevfs_urb));
      auto* urb = urb_data.as<usbdevfs_urb>();
      // Resolved now, as a child of the URB, so that it is written back when the URB is reaped.
      DataRef buffer = resolve(urb_data.data, offsetof(usbdevfs_urb, buffer),
                               static_cast<std::size_t>(urb->buffer_length));
      if (urb->type == USBDEVFS_URB_TYPE_CONTROL) {
        const std::uint8_t* setup = buffer.as<std::uint8_t>();
        const unsigned value = setup[2] | (setup[3] << 8);
        const unsigned length = setup[6] | (setup[7] << 8);
        if (setup[0] == 0x81 && setup[1] == 0x06 && value == 0x2200) {
          const std::size_t n = std::min<std::size_t>(length, device->spec.report_descriptor.size());
          std::memcpy(buffer.as<std::uint8_t>() + 8, device->spec.report_descriptor.data(), n);
          urb->actual_length = static_cast<int>(n);
          urb->status = 0;
          ++did.report_descriptor_reads;
        } else {
          urb->actual_length = 0;
          urb->status = -EPIPE;  // a real device stalls requests it does not know
        }
        device->completed.push_back({umockdev_ioctl_data_ref(urb_data.data), true});
        return done(0, 0);
      }
      if (urb->type == USBDEVFS_URB_TYPE_BULK && device->spec.printer) {
        const int error = submit_bulk(*device, urb_data.data);
        return done(error == 0 ? 0 : -1, error);
      }
      if (urb->type == USBDEVFS_URB_TYPE_INTERRUPT && urb->endpoint == 0x81) {
        if (!did.claimed) {
          ++did.interrupt_submits_unclaimed;
          return done(-1, EINVAL);
        }
        ++did.interrupt_submits;
        device->interrupt_in_flight.push_back({umockdev_ioctl_data_ref(urb_data.data), false});
        return done(0, 0);
      }
      return done(-1, EINVAL);
    }

    case USBDEVFS_REAPURB:
    case USBDEVFS_REAPURBNDELAY: {
      Urb ready{};
      if (!device->completed.empty()) {
        ready = device->completed.front();
        device->completed.pop_front();
      } else if (!device->bulk_in_flight.empty() && (gone || !device->answers.empty())) {
        ready = device->bulk_in_flight.front();
        device->bulk_in_flight.pop_front();
        auto* urb = reinterpret_cast<usbdevfs_urb*>(ready.data->data);
        urb->status = gone ? -ENODEV : 0;
        urb->actual_length = gone ? 0 : 1;
        if (!gone) {
          DataRef buffer = resolve(ready.data, offsetof(usbdevfs_urb, buffer), 1);
          *buffer.as<std::uint8_t>() = device->answers.front();
          device->answers.pop_front();
        }
      } else if (!device->interrupt_in_flight.empty() && (gone || !device->reports.empty())) {
        ready = device->interrupt_in_flight.front();
        device->interrupt_in_flight.pop_front();
        auto* urb = reinterpret_cast<usbdevfs_urb*>(ready.data->data);
        if (gone) {
          urb->status = -ENODEV;
          urb->actual_length = 0;
        } else {
          DataRef buffer = resolve(ready.data, offsetof(usbdevfs_urb, buffer),
                                   static_cast<std::size_t>(urb->buffer_length));
          const Bytes& report = device->reports.front();
          const std::size_t n =
              std::min<std::size_t>(report.size(), static_cast<std::size_t>(urb->buffer_length));
          std::memcpy(buffer.as<std::uint8_t>(), report.data(), n);
          urb->actual_length = static_cast<int>(n);
          urb->status = 0;
          device->reports.pop_front();
        }
      } else {
        return done(-1, gone ? ENODEV : EAGAIN);
      }
      DataRef slot = resolve(arg, 0, sizeof(void*));
      umockdev_ioctl_data_set_ptr(slot.data, 0, ready.data);
      umockdev_ioctl_data_unref(ready.data);
      return done(0, 0);
    }

    case USBDEVFS_DISCARDURB: {
      const unsigned long address = *reinterpret_cast<unsigned long*>(arg->data);
      for (auto* in_flight : {&device->interrupt_in_flight, &device->bulk_in_flight}) {
        for (auto it = in_flight->begin(); it != in_flight->end(); ++it) {
          if (it->data->client_addr == address) {
            reinterpret_cast<usbdevfs_urb*>(it->data->data)->status = -ENOENT;
            device->completed.push_back(*it);
            in_flight->erase(it);
            return done(0, 0);
          }
        }
      }
      return done(-1, EINVAL);
    }
    default: std::fprintf(stderr, "emulated USB bus: unhandled ioctl 0x%lx\n", request); return false;
  }
}

int EmulatedUsbBus::submit_bulk(Device& device, UMockdevIoctlData* urb_data) {
  auto* urb = reinterpret_cast<usbdevfs_urb*>(urb_data->data);
  DeviceActivity& did = device.activity;
  if (!did.claimed) return EINVAL;
  if (urb->endpoint == 0x82) {
    device.bulk_in_flight.push_back({umockdev_ioctl_data_ref(urb_data), false});
    return 0;
  }
  if (urb->endpoint != 0x01) return EINVAL;
  DataRef buffer =
      resolve(urb_data, offsetof(usbdevfs_urb, buffer), static_cast<std::size_t>(urb->buffer_length));
  const std::uint8_t* bytes = buffer.as<std::uint8_t>();
  std::size_t taken = 0;
  for (; taken < static_cast<std::size_t>(urb->buffer_length); ++taken) {
    if (device.spec.unplug_after && did.printed.size() >= *device.spec.unplug_after) break;
    did.printed.push_back(bytes[taken]);
  }
  if (taken < static_cast<std::size_t>(urb->buffer_length)) {
    // Gone mid-transfer: this URB and every call after it fail as the kernel's do.
    device.unplugged = true;
    return ENODEV;
  }
  // DLE EOT n, sent on its own: the real-time status the printer answers at once.
  if (urb->buffer_length == 3 && bytes[0] == 0x10 && bytes[1] == 0x04) {
    std::uint8_t answer = 0x12;
    if (bytes[2] == 1 && device.spec.paper_out) answer |= 0x08;
    if (bytes[2] == 2 && device.spec.paper_out) answer |= 0x20;
    if (bytes[2] == 4 && device.spec.paper_out) answer |= 0x60;
    device.answers.push_back(answer);
  }
  urb->actual_length = urb->buffer_length;
  urb->status = 0;
  device.completed.push_back({umockdev_ioctl_data_ref(urb_data), false});
  return 0;
}

}  // namespace scanner_test
