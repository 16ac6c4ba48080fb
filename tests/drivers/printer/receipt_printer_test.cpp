#include <catch2/catch.hpp>

#include "kiosk/drivers/printer/escpos.hpp"
#include "kiosk/drivers/printer/receipt_printer.hpp"

using namespace kiosk;
using namespace kiosk::drivers::printer;

namespace {

struct FakeBench {
  std::shared_ptr<FakePrinterScript> script = std::make_shared<FakePrinterScript>();
  std::shared_ptr<std::vector<std::uint8_t>> received = std::make_shared<std::vector<std::uint8_t>>();
  EscPosPrinter printer{std::make_unique<FakePrinterTransport>(script, received)};
};

// A job the size of a receipt: text, a QR-sized raster, a cut.
std::vector<std::uint8_t> receipt_sized_job() {
  EscPosWriter writer;
  writer.initialize();
  for (int i = 0; i < 40; ++i) writer.line("Reçu de consentement, ligne " + std::to_string(i));
  MonoBitmap image(240, 240);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) image.set(x, y, (x / 4 + y / 4) % 2 == 0);
  }
  writer.raster(image).feed(4).cut();
  return writer.take();
}

std::optional<PrinterErrc> print_fault(FakeBench& bench, const std::vector<std::uint8_t>& job) {
  auto printed = bench.printer.print(job);
  if (printed) return std::nullopt;
  return printed.error().code;
}

}  // namespace

TEST_CASE("A ready printer receives the whole job after its status was asked") {
  FakeBench bench;
  const auto job = receipt_sized_job();
  REQUIRE(job.size() > EscPosPrinter::kChunkBytes * 3);
  CHECK_FALSE(print_fault(bench, job).has_value());
  // Three status questions (DLE EOT 1, 2, 4) before and after the job.
  CHECK(bench.received->size() == job.size() + 18);
  CHECK(std::equal(job.begin(), job.end(), bench.received->begin() + 9));
}

TEST_CASE("Each printer fault is told apart") {
  const auto job = receipt_sized_job();
  SECTION("absent") {
    FakeBench bench;
    bench.script->present = false;
    CHECK(print_fault(bench, job) == PrinterErrc::Absent);
    CHECK(bench.received->empty());
  }
  SECTION("out of paper before the job: nothing of it is sent") {
    FakeBench bench;
    bench.script->paper_out = true;
    CHECK(print_fault(bench, job) == PrinterErrc::OutOfPaper);
    CHECK(bench.received->size() == 9);  // the status questions only
  }
  SECTION("paper running out during the job") {
    FakeBench bench;
    bench.script->paper_out_after = 2000;
    CHECK(print_fault(bench, job) == PrinterErrc::OutOfPaper);
    CHECK(bench.received->size() == job.size() + 18);
  }
  SECTION("unplugged after N bytes") {
    FakeBench bench;
    bench.script->unplug_after = 1500;
    CHECK(print_fault(bench, job) == PrinterErrc::Unplugged);
    CHECK(bench.received->size() == 1500);
    // Still gone at the next try: absent, and the kiosk offers to print again later.
    CHECK(print_fault(bench, job) == PrinterErrc::Absent);
  }
  SECTION("cover open") {
    FakeBench bench;
    bench.script->cover_open = true;
    CHECK(print_fault(bench, job) == PrinterErrc::CoverOpen);
  }
  SECTION("offline") {
    FakeBench bench;
    bench.script->offline = true;
    CHECK(print_fault(bench, job) == PrinterErrc::Offline);
  }
  SECTION("a printer without a status line is sent the job unasked") {
    FakeBench bench;
    bench.script->answers_status = false;
    bench.script->paper_out = true;  // it cannot say so
    CHECK_FALSE(print_fault(bench, job).has_value());
    CHECK(bench.received->size() == job.size());
  }
}

TEST_CASE("Every printer fault has a bilingual message saying the choices are saved") {
  for (auto code : {PrinterErrc::Absent, PrinterErrc::PermissionDenied, PrinterErrc::Busy,
                    PrinterErrc::OutOfPaper, PrinterErrc::CoverOpen, PrinterErrc::Offline,
                    PrinterErrc::Unplugged, PrinterErrc::NotAnswering, PrinterErrc::Failed}) {
    const Bilingual message = client_message(code);
    INFO(to_string(code));
    CHECK(std::string(message.en).find("saved") != std::string::npos);
    CHECK(std::string(message.fr).find("enregistrés") != std::string::npos);
  }
}

TEST_CASE("No USB printer on this machine's bus is reported as absent, not as a crash") {
  UsbPrinterOptions options;
  options.vendor_id = 0xfff0;  // no such vendor
  options.product_id = 0x0001;
  auto transport = make_usb_printer_transport(options);
  EscPosPrinter printer(std::move(transport));
  const std::uint8_t job[] = {0x1B, 0x40};
  auto printed = printer.print(job);
  REQUIRE_FALSE(printed);
  // Absent, or Failed where the sandbox has no USB at all.
  CHECK((printed.error().code == PrinterErrc::Absent || printed.error().code == PrinterErrc::Failed));
}
