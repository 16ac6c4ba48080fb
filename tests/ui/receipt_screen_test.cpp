// The saved screen with the client's receipt: its QR drawn on screen reads back as the signed
// code, and printing through a fake printer shows each fault's message while the consent stays.
#include <catch2/catch.hpp>

#include <ZXing/ReadBarcode.h>

#include <cstdlib>
#include <filesystem>

#include "headless_kiosk.hpp"
#include "kiosk/app/app.hpp"
#include "kiosk/app/demo_identity.hpp"
#include "kiosk/app/image.hpp"
#include "kiosk/app/receipt_desk.hpp"
#include "kiosk/ui/kiosk_view.hpp"

using namespace kiosk;
using drivers::printer::PrinterErrc;

namespace {

struct KioskWithPrinter {
  std::shared_ptr<drivers::printer::FakePrinterScript> script =
      std::make_shared<drivers::printer::FakePrinterScript>();
  std::shared_ptr<std::vector<std::uint8_t>> received = std::make_shared<std::vector<std::uint8_t>>();
  HeadlessKiosk window{[this](AppOptions& options) {
    options.printer_transport = [script = script, received = received] {
      return std::make_unique<drivers::printer::FakePrinterTransport>(script, received);
    };
  }};
  App* app = window.app.get();
  ManualClock& clock = window.clock;
  const std::filesystem::path& shots = window.shots;

  ~KioskWithPrinter() {
    // KIOSK_TEST_KEEP_SHOTS=DIR keeps the screenshots for a person to look at.
    if (const char* keep = std::getenv("KIOSK_TEST_KEEP_SHOTS")) {
      std::error_code ignored;
      std::filesystem::create_directories(keep, ignored);
      std::filesystem::copy(
          shots, keep,
          std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing,
          ignored);
    }
  }

  void save_choices(Language language) {
    REQUIRE(app->tap_target(language == Language::French ? "welcome.start.fr" : "welcome.start.en"));
    app->deliver_scan(demo_licence_payload(clock.today()));
    app->frame();
    REQUIRE(app->tap_target("confirm.yes"));
    REQUIRE(app->settle_store());
    REQUIRE(app->tap_target("policy.continue"));
    REQUIRE(app->tap_target("choice.marketing-analysis.no"));
    REQUIRE(app->tap_target("choices.save"));
    REQUIRE(app->settle_store());
    REQUIRE(app->session().screen() == Screen::Saved);
  }

  std::optional<std::string> qr_on_screen(const std::string& name) {
    REQUIRE(app->screenshot(name).has_value());
    auto image = read_png(shots / (name + ".png"));
    REQUIRE(image.has_value());
    std::vector<std::uint8_t> gray(static_cast<std::size_t>(image->width * image->height));
    for (std::size_t i = 0; i < gray.size(); ++i) gray[i] = image->pixels[i * 4 + 1];
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    auto result = ZXing::ReadBarcode(
        ZXing::ImageView(gray.data(), image->width, image->height, ZXing::ImageFormat::Lum), hints);
    if (!result.isValid()) return std::nullopt;
    return result.text();
  }

  ui::ViewModel::Receipt shown() {
    auto model = app->view_model();
    REQUIRE(model.receipt.has_value());
    return *model.receipt;
  }
};

}  // namespace

TEST_CASE("the saved screen shows the receipt's QR, which reads back as the signed code") {
  for (Language language : {Language::English, Language::French}) {
    KioskWithPrinter kiosk;
    kiosk.save_choices(language);
    const auto receipt = kiosk.shown();
    CHECK(receipt.qr_size > 20);
    CHECK(receipt.can_print);
    CHECK(receipt.print == ui::ViewModel::Receipt::Print::Idle);
    auto desk = kiosk.app->receipt_desk().shown(kiosk.app->session().serial());
    REQUIRE(desk.has_value());
    CHECK(desk->code.starts_with("CR1."));
    CHECK(kiosk.qr_on_screen(std::string("saved-") + std::string(language_code(language))) == desk->code);
    CHECK(kiosk.app->target_rect("saved.print").has_value());
    // The paper names the client at most by first name and masked number, and only in memory.
    const receipt::Receipt* paper = kiosk.app->receipt_desk().receipt(kiosk.app->session().serial());
    REQUIRE(paper != nullptr);
    REQUIRE(paper->holder.has_value());
    CHECK_FALSE(paper->holder->first_name.empty());
    CHECK(paper->holder->first_name.find(' ') == std::string::npos);
    CHECK(paper->holder->document_masked.starts_with("\u2026"));
  }
}

TEST_CASE("a printer out of paper shows why and offers to print again, the consent staying saved") {
  KioskWithPrinter kiosk;
  kiosk.save_choices(Language::French);
  const std::string record_id = kiosk.app->session().saved_record()->id;
  kiosk.script->paper_out = true;
  REQUIRE(kiosk.app->tap_target("saved.print"));
  REQUIRE(kiosk.app->settle_printer());
  auto failed = kiosk.shown();
  CHECK(failed.print == ui::ViewModel::Receipt::Print::Failed);
  CHECK(failed.print_message == drivers::printer::client_message(PrinterErrc::OutOfPaper).fr);
  CHECK(kiosk.app->session().screen() == Screen::Saved);
  CHECK(kiosk.app->session().saved_record()->id == record_id);
  REQUIRE(kiosk.app->screenshot("saved-print-failed-fr").has_value());

  kiosk.script->paper_out = false;
  REQUIRE(kiosk.app->tap_target("saved.print"));  // now "print again"
  REQUIRE(kiosk.app->settle_printer());
  CHECK(kiosk.shown().print == ui::ViewModel::Receipt::Print::Printed);
  CHECK(kiosk.received->size() > 1000);
  REQUIRE(kiosk.app->screenshot("saved-printed-fr").has_value());
}

TEST_CASE("a printer unplugged mid-job is reported as such in English") {
  KioskWithPrinter kiosk;
  kiosk.save_choices(Language::English);
  kiosk.script->unplug_after = 2000;
  REQUIRE(kiosk.app->tap_target("saved.print"));
  REQUIRE(kiosk.app->settle_printer());
  auto failed = kiosk.shown();
  CHECK(failed.print == ui::ViewModel::Receipt::Print::Failed);
  CHECK(failed.print_message == drivers::printer::client_message(PrinterErrc::Unplugged).en);
  CHECK(kiosk.app->session().screen() == Screen::Saved);
  REQUIRE(kiosk.app->screenshot("saved-print-failed-en").has_value());
}
