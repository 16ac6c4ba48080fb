#pragma once
// An emulated USB bus for the libusb layer's tests, built on umockdev's testbed: each plugged
// device gets sysfs attributes (its descriptors, so libusb enumerates it) and a device node whose
// usbfs ioctls this class answers, as the kernel and the device would. It answers enough of
// usbfs for a HID-POS scanner: capabilities, the kernel driver being bound or not, claim,
// disconnect-and-claim, release, re-attach, the GET_DESCRIPTOR(report) control transfer, and
// interrupt IN transfers that complete when the test makes the scanner "send" reports. Plugging
// and unplugging send uevents, so libusb's hotplug sees them.
//
// A device may instead be an ESC/POS receipt printer (printer class, bulk OUT 0x01 and bulk IN
// 0x82): it keeps the bytes it is sent and answers DLE EOT status questions.
//
// The process must run under umockdev's preload library (umockdev-wrapper).

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "scanner_fixtures.hpp"

typedef struct _UMockdevTestbed UMockdevTestbed;
typedef struct _UMockdevIoctlBase UMockdevIoctlBase;
typedef struct _UMockdevIoctlClient UMockdevIoctlClient;
typedef struct _UMockdevIoctlData UMockdevIoctlData;

namespace scanner_test {

struct EmulatedDevice {
  int devnum = 2;  // address on bus 1; also names the port ("1-<devnum>")
  std::uint16_t vendor = 0x0c2e;
  std::uint16_t product = 0x0b61;
  Bytes report_descriptor = hid_pos_scanner_descriptor();
  std::uint8_t interface_subclass = 0;  // 1 would be a boot keyboard or mouse
  // The kernel's usbhid driver holds the interface: a plain claim fails with EBUSY, and sysfs
  // has the report descriptor the kernel read.
  bool kernel_driver_bound = false;
  // A receipt printer rather than a scanner.
  bool printer = false;
  bool paper_out = false;
  // The printer goes away (ENODEV) once it has taken this many bytes.
  std::optional<std::size_t> unplug_after = std::nullopt;
};

// What the program under test did to one device.
struct DeviceActivity {
  int opens = 0;              // GET_CAPABILITIES, which libusb sends once per open
  int claims = 0;             // successful CLAIMINTERFACE
  int refused_claims = 0;     // CLAIMINTERFACE refused (EBUSY: driver bound)
  int disconnect_claims = 0;  // DISCONNECT_CLAIM: the driver detached and the interface claimed
  int releases = 0;
  int reattaches = 0;               // the kernel driver given back
  int report_descriptor_reads = 0;  // GET_DESCRIPTOR(report) control transfers
  int interrupt_submits = 0;
  int interrupt_submits_unclaimed = 0;  // refused: the interface was not claimed
  bool claimed = false;
  bool driver_bound = false;
  Bytes printed;  // a printer: every byte it took on bulk OUT
};

class EmulatedUsbBus {
 public:
  EmulatedUsbBus();
  ~EmulatedUsbBus();
  EmulatedUsbBus(const EmulatedUsbBus&) = delete;
  EmulatedUsbBus& operator=(const EmulatedUsbBus&) = delete;

  void plug(const EmulatedDevice& device);
  // The device vanishes: transfers in flight fail with ENODEV, then its sysfs entry goes.
  void unplug(int devnum);
  // The scanner sends these input reports, one per completed interrupt transfer.
  void send_reports(int devnum, const std::vector<Bytes>& reports);
  std::size_t reports_waiting(int devnum) const;
  DeviceActivity activity(int devnum) const;

 private:
  struct Urb {
    UMockdevIoctlData* data = nullptr;  // one reference held
    bool control = false;
  };
  struct Device {
    EmulatedDevice spec;
    std::string syspath;
    DeviceActivity activity;
    std::deque<Bytes> reports;
    std::deque<Urb> interrupt_in_flight;
    std::deque<Urb> completed;         // control transfers and discarded URBs, ready to reap
    std::deque<Urb> bulk_in_flight;    // a printer's status reads, waiting for an answer
    std::deque<std::uint8_t> answers;  // a printer's status bytes, not read yet
    bool unplugged = false;
  };

  static int handle_ioctl(UMockdevIoctlBase* handler, UMockdevIoctlClient* client, void* self);
  bool ioctl(UMockdevIoctlClient* client);
  // A printer's bulk transfer; returns the ioctl's errno (0: submitted).
  int submit_bulk(Device& device, UMockdevIoctlData* urb_data);
  Device* device_for(const std::string& devnode);
  static std::string devnode(int devnum);

  UMockdevTestbed* testbed_ = nullptr;
  UMockdevIoctlBase* handler_ = nullptr;
  mutable std::mutex mutex_;
  std::map<std::string, Device> devices_;  // by device node
};

}  // namespace scanner_test
