// The libusb printer transport against an emulated ESC/POS printer (umockdev): found by VID:PID,
// its printer-class interface claimed, the job sent on bulk OUT, status read on bulk IN, and each
// fault (absent, paper out, unplugged mid-job) told apart. Each test runs in a child process
// under umockdev's preload (see umockdev_child.hpp).
#include <catch2/catch.hpp>

#include "../scanner/emulated_usb_bus.hpp"
#include "../scanner/umockdev_child.hpp"
#include "kiosk/drivers/printer/escpos.hpp"
#include "kiosk/drivers/printer/receipt_printer.hpp"

using namespace kiosk::drivers::printer;
using namespace scanner_test;

namespace {

constexpr int kPrinterAddress = 5;

EmulatedDevice receipt_printer() {
  EmulatedDevice printer;
  printer.devnum = kPrinterAddress;
  printer.printer = true;
  printer.vendor = 0x04b8;
  printer.product = 0x0202;
  return printer;
}

std::vector<std::uint8_t> receipt_job() {
  EscPosWriter writer;
  writer.initialize();
  for (int i = 0; i < 30; ++i) writer.line("Reçu de consentement, ligne " + std::to_string(i));
  MonoBitmap image(232, 232);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) image.set(x, y, (x / 4 + y / 4) % 3 == 0);
  }
  return writer.raster(image).feed(4).cut().take();
}

std::optional<PrinterErrc> print_on_bus(std::uint16_t vendor, std::uint16_t product) {
  UsbPrinterOptions options;
  options.vendor_id = vendor;
  options.product_id = product;
  options.status_timeout_ms = 200;
  EscPosPrinter printer(make_usb_printer_transport(options));
  auto printed = printer.print(receipt_job());
  if (printed) return std::nullopt;
  return printed.error().code;
}

}  // namespace

TEST_CASE("an emulated USB receipt printer is claimed, asked its status and sent the whole job") {
  if (run_in_umockdev_child()) return;
  EmulatedUsbBus bus;
  bus.plug(receipt_printer());
  CHECK_FALSE(print_on_bus(0x04b8, 0x0202).has_value());
  const DeviceActivity did = bus.activity(kPrinterAddress);
  const auto job = receipt_job();
  REQUIRE(did.printed.size() == job.size() + 18);  // three status questions before and after
  CHECK(std::equal(job.begin(), job.end(), did.printed.begin() + 9));
  CHECK(did.claims + did.disconnect_claims == 1);
  CHECK(did.releases == 1);
  CHECK_FALSE(did.claimed);
  // Any printer-class device when no VID:PID is named.
  CHECK_FALSE(print_on_bus(0, 0).has_value());
}

TEST_CASE("an emulated printer that is absent, out of paper or unplugged mid-job is reported as such") {
  if (run_in_umockdev_child()) return;
  EmulatedUsbBus bus;
  // A scanner is on the bus, but no printer: absent, and the scanner is left alone.
  bus.plug(EmulatedDevice{});
  CHECK(print_on_bus(0, 0) == PrinterErrc::Absent);
  CHECK(bus.activity(2).claims == 0);
  // Another vendor's printer is not this one.
  bus.plug(receipt_printer());
  CHECK(print_on_bus(0x0519, 0x0001) == PrinterErrc::Absent);

  EmulatedDevice no_paper = receipt_printer();
  no_paper.devnum = 6;
  no_paper.paper_out = true;
  bus.unplug(kPrinterAddress);
  bus.plug(no_paper);
  CHECK(print_on_bus(0x04b8, 0x0202) == PrinterErrc::OutOfPaper);
  CHECK(bus.activity(6).printed.size() == 9);  // the questions only: nothing of the receipt

  EmulatedDevice going = receipt_printer();
  going.devnum = 7;
  going.unplug_after = 2000;
  bus.unplug(6);
  bus.plug(going);
  CHECK(print_on_bus(0x04b8, 0x0202) == PrinterErrc::Unplugged);
  CHECK(bus.activity(7).printed.size() == 2000);
}
