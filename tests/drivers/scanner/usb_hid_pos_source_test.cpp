// The libusb layer of the HID-POS source against emulated scanners (umockdev): enumerate,
// examine the report descriptor, detach the kernel driver, claim, read interrupt reports that
// make up a scan, unplug and replug. Each test runs in a child process under umockdev's preload
// (see umockdev_child.hpp).
#include <catch2/catch.hpp>

#include "emulated_usb_bus.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/drivers/scanner/usb_hid_pos_source.hpp"
#include "umockdev_child.hpp"

using namespace kiosk;
using namespace kiosk::drivers;
using namespace scanner_test;
using namespace std::chrono_literals;

namespace {

struct Fixture {
  EmulatedUsbBus bus;
  SystemClock clock;
  MemoryLogger logger;
  ScanQueue queue;
  std::unique_ptr<UsbHidPosSource> source;

  void start(UsbHidPosOptions options = {}) {
    options.rescan_interval = 100ms;
    options.rescan_interval_with_hotplug = 500ms;
    source = std::make_unique<UsbHidPosSource>(options, clock, logger);
    source->start(queue);
  }
  bool state_is(SourceState state, std::chrono::milliseconds timeout = 10s) {
    return wait_for([&] { return source->status().state == state; }, timeout);
  }
  std::string status_text() const { return source->status().text(Language::English); }
};

Bytes licence() {
  return bytes(sample_licence());
}

}  // namespace

TEST_CASE(
    "with no scanner it says so and waits, and one plugged in is claimed and its multi-report scan read") {
  if (run_in_umockdev_child()) return;
  Fixture f;
  f.start();
  REQUIRE(f.state_is(SourceState::Waiting));
  CHECK(f.status_text() == "no scanner connected — waiting");
  CHECK(describe(SourceState::Waiting).fr == "aucun lecteur branché — en attente");

  f.bus.plug(EmulatedDevice{});  // hotplug: no kernel driver on it
  REQUIRE(f.state_is(SourceState::Connected));
  CHECK(f.status_text() == "connected: 0c2e:0b61");
  const DeviceActivity claimed = f.bus.activity(2);
  CHECK(claimed.report_descriptor_reads == 1);  // asked the device what it is
  CHECK(claimed.claims == 1);
  CHECK(claimed.disconnect_claims == 0);  // there was no driver to detach
  CHECK(claimed.interrupt_submits >= 1);

  const auto reports = hid_pos_reports(licence());
  REQUIRE(reports.size() >= 5);
  f.bus.send_reports(2, reports);
  auto scan = f.queue.pop(10s);
  REQUIRE(scan.has_value());
  CHECK(scan->payload == licence());
  CHECK(scan->source == ScanSourceKind::UsbHidPos);
  CHECK(scan->symbology == "]L2");
  CHECK(f.bus.reports_waiting(2) == 0);
  CHECK_FALSE(f.queue.try_pop().has_value());  // one scan, not one per report

  f.bus.unplug(2);
  REQUIRE(f.state_is(SourceState::Waiting));
  f.source->stop();
  CHECK(f.source->status().state == SourceState::Stopped);
}

TEST_CASE(
    "a scanner the kernel's HID driver holds is identified from sysfs, detached, claimed and given back") {
  if (run_in_umockdev_child()) return;
  Fixture f;
  EmulatedDevice held;
  held.kernel_driver_bound = true;
  f.bus.plug(held);
  f.start();
  REQUIRE(f.state_is(SourceState::Connected));
  const DeviceActivity taken = f.bus.activity(2);
  CHECK(taken.report_descriptor_reads == 0);  // the kernel's copy in sysfs was enough
  CHECK(taken.disconnect_claims == 1);        // libusb detached usbhid as it claimed
  CHECK_FALSE(taken.driver_bound);

  f.bus.send_reports(2, hid_pos_reports(bytes("@ANSI short one"), "]L0"));
  auto scan = f.queue.pop(10s);
  REQUIRE(scan.has_value());
  CHECK(scan->text() == "@ANSI short one");
  CHECK(scan->symbology == "]L0");

  f.source->stop();
  const DeviceActivity returned = f.bus.activity(2);
  CHECK_FALSE(returned.claimed);
  CHECK(returned.releases == 1);
  CHECK(returned.reattaches == 1);  // the kernel has its scanner back
  CHECK(returned.driver_bound);
}

TEST_CASE("keyboards and vendor-page HID devices are examined without being disturbed, and never claimed") {
  if (run_in_umockdev_child()) return;
  Fixture f;
  EmulatedDevice keyboard;  // a keyboard whose driver is bound: read from sysfs, left alone
  keyboard.devnum = 2;
  keyboard.vendor = 0x046d;
  keyboard.product = 0xc31c;
  keyboard.report_descriptor = keyboard_descriptor();
  keyboard.kernel_driver_bound = true;
  EmulatedDevice vendor_page;  // no driver bound: claimed to ask, then released
  vendor_page.devnum = 3;
  vendor_page.vendor = 0x1234;
  vendor_page.product = 0x0001;
  vendor_page.report_descriptor = hid_pos_scanner_descriptor(0x8D);
  f.bus.plug(keyboard);
  f.bus.plug(vendor_page);
  f.start();
  REQUIRE(wait_for(
      [&] { return f.bus.activity(3).report_descriptor_reads == 1 && f.bus.activity(2).opens >= 1; }));
  REQUIRE(f.state_is(SourceState::Waiting));

  f.bus.plug(EmulatedDevice{.devnum = 4});
  REQUIRE(f.state_is(SourceState::Connected));
  CHECK(f.source->status().detail == "0c2e:0b61");

  const DeviceActivity kb = f.bus.activity(2);
  CHECK(kb.claims + kb.disconnect_claims + kb.refused_claims == 0);
  CHECK(kb.driver_bound);
  CHECK(kb.report_descriptor_reads == 0);
  const DeviceActivity vp = f.bus.activity(3);
  CHECK(vp.claims == 1);
  CHECK(vp.releases == 1);
  CHECK_FALSE(vp.claimed);
  CHECK(vp.interrupt_submits == 0);
  CHECK(vp.report_descriptor_reads == 1);  // examined once, not again at the next hotplug event
}

TEST_CASE("the configured vendor and product ids choose between two scanners") {
  if (run_in_umockdev_child()) return;
  Fixture f;
  f.bus.plug(EmulatedDevice{.devnum = 2, .vendor = 0x05e0, .product = 0x1200});
  f.bus.plug(EmulatedDevice{.devnum = 3, .vendor = 0x0c2e, .product = 0x0b61});
  f.start(UsbHidPosOptions{.vendor_id = 0x0c2e, .product_id = 0x0b61});
  REQUIRE(f.state_is(SourceState::Connected));
  CHECK(f.source->status().detail == "0c2e:0b61");
  CHECK(f.bus.activity(2).opens == 0);
  CHECK(f.bus.activity(3).claims == 1);
}

TEST_CASE("unplugged halfway through a scan the half is dropped, and once replugged the next scan is whole") {
  if (run_in_umockdev_child()) return;
  Fixture f;
  f.start();
  REQUIRE(f.state_is(SourceState::Waiting));
  f.bus.plug(EmulatedDevice{.devnum = 2});
  REQUIRE(f.state_is(SourceState::Connected));
  const auto reports = hid_pos_reports(licence());
  f.bus.send_reports(2, std::vector<Bytes>(reports.begin(), reports.begin() + 3));
  REQUIRE(wait_for([&] { return f.bus.reports_waiting(2) == 0; }));
  f.bus.unplug(2);
  REQUIRE(f.state_is(SourceState::Waiting));
  CHECK_FALSE(f.queue.try_pop().has_value());

  f.bus.plug(EmulatedDevice{.devnum = 3});
  REQUIRE(f.state_is(SourceState::Connected));
  f.bus.send_reports(3, reports);
  auto scan = f.queue.pop(10s);
  REQUIRE(scan.has_value());
  CHECK(scan->payload == licence());
}

TEST_CASE("a scanner held by the kernel is reported busy when detaching is turned off") {
  if (run_in_umockdev_child()) return;
  Fixture f;
  EmulatedDevice held;
  held.kernel_driver_bound = true;
  f.bus.plug(held);
  f.start(UsbHidPosOptions{.detach_kernel_driver = false});
  REQUIRE(f.state_is(SourceState::Busy));
  CHECK(f.status_text() == "scanner in use by another program: 0c2e:0b61");
  CHECK(f.bus.activity(2).refused_claims >= 1);
  CHECK(f.bus.activity(2).driver_bound);
}
