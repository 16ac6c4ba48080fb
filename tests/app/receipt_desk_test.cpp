// The receipt desk as the kiosk uses it after a commit: the receipt built and signed, printed on
// a thread of its own through a fake printer, every fault turned into a message while the
// consent stays saved.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>

#include "escpos_render.hpp"
#include "kiosk/app/receipt_desk.hpp"
#include "kiosk/receipt/receipt_code.hpp"
#include "kiosk/store/consent_ledger.hpp"
#include "scratch_dir.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using drivers::printer::PrinterErrc;

namespace {

// Counts finished jobs, so a test waits for the printing thread without guessing a time.
class JobsDone {
 public:
  std::function<void()> callback() {
    return [this] {
      std::lock_guard lock(mutex_);
      ++done_;
      changed_.notify_all();
    };
  }
  void wait_for(int count) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return done_ >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int done_ = 0;
};

struct PrintBench {
  std::shared_ptr<drivers::printer::FakePrinterScript> script =
      std::make_shared<drivers::printer::FakePrinterScript>();
  std::shared_ptr<std::vector<std::uint8_t>> received = std::make_shared<std::vector<std::uint8_t>>();
  MemoryLogger logger;
  JobsDone jobs;
  ScratchDir dir;
  SystemClock clock;
  store::ConsentService service = store_fixtures::open_service(dir / "kiosk.db", clock, logger);
  consent::ConsentRecord record;
  std::string code;
  std::unique_ptr<ReceiptDesk> desk;
  int printed = 0;

  explicit PrintBench(Language language) {
    auto fake = std::make_unique<drivers::printer::FakePrinterTransport>(script, received);
    desk = std::make_unique<ReceiptDesk>(std::make_unique<drivers::printer::EscPosPrinter>(std::move(fake)),
                                         logger, jobs.callback());
    const auto client = service.identify(store_fixtures::known_people()[0]).value();
    consent::SessionContext session;
    session.language = language;
    auto draft = store_fixtures::choices_draft(service, client,
                                               {{"marketing-analysis", consent::Decision::Refused}}, session);
    record = service.commit_record(client, std::move(draft)).value();
    code = receipt::sign_receipt_code(record, service.kiosk_id(), service.keys().signing).value();
    receipt::ReceiptSource source{service.kiosk_id(), "Test store", nullptr, std::nullopt};
    desk->on_committed(7, record, code, store_fixtures::shipped_model(), source);
  }

  ReceiptShown print_and_wait() {
    REQUIRE(desk->print(7));
    jobs.wait_for(++printed);
    REQUIRE(desk->poll());
    return *desk->shown(7);
  }

  std::int64_t ledger_rows() { return store::ConsentLedger(service.database()).count().value(); }
};

}  // namespace

TEST_CASE("The saved client's receipt carries the signed code and its QR, and prints it") {
  for (Language language : {Language::English, Language::French}) {
    PrintBench bench(language);
    auto shown = bench.desk->shown(7);
    REQUIRE(shown.has_value());
    CHECK(shown->record_id == bench.record.id);
    CHECK(shown->code == bench.code);
    CHECK(shown->qr.width > 20);
    CHECK(shown->can_print);
    CHECK(shown->print == PrintState::Idle);
    CHECK_FALSE(bench.desk->shown(8).has_value());  // another session's serial

    const ReceiptShown after = bench.print_and_wait();
    CHECK(after.print == PrintState::Printed);
    CHECK_FALSE(after.print_error.has_value());
    // What the printer took (after its three status questions) is the receipt, QR and all.
    REQUIRE(bench.received->size() > 18);
    const std::vector<std::uint8_t> job(bench.received->begin() + 9, bench.received->end() - 9);
    const auto paper = escpos_render::render(job);
    CHECK(paper.error.empty());
    CHECK(escpos_render::read_qr(paper) == bench.code);
    CHECK(receipt::verify_receipt_code(*escpos_render::read_qr(paper), bench.service.signing_public_key()));
    // Accents through code page 858: Ç is 0x80, é is 0x82.
    bool accented = false;
    for (const auto& line : paper.text_lines) {
      if (language == Language::French && line.find("RE\x80U") != std::string::npos) accented = true;
      if (language == Language::English && line.find("CONSENT RECEIPT") != std::string::npos) accented = true;
    }
    CHECK(accented);
  }
}

TEST_CASE("Each printer fault shows its message, offers to print again, and leaves the consent saved") {
  struct Fault {
    const char* name;
    std::function<void(drivers::printer::FakePrinterScript&)> arrange;
    PrinterErrc expected;
  };
  const std::vector<Fault> faults = {
      {"absent", [](auto& s) { s.present = false; }, PrinterErrc::Absent},
      {"out of paper", [](auto& s) { s.paper_out = true; }, PrinterErrc::OutOfPaper},
      {"paper out mid-job", [](auto& s) { s.paper_out_after = 3000; }, PrinterErrc::OutOfPaper},
      {"unplugged mid-job", [](auto& s) { s.unplug_after = 2000; }, PrinterErrc::Unplugged},
      {"cover open", [](auto& s) { s.cover_open = true; }, PrinterErrc::CoverOpen},
      {"offline", [](auto& s) { s.offline = true; }, PrinterErrc::Offline},
  };
  for (const auto& fault : faults) {
    INFO(fault.name);
    PrintBench bench(Language::French);
    fault.arrange(*bench.script);
    const ReceiptShown failed = bench.print_and_wait();
    CHECK(failed.print == PrintState::Failed);
    REQUIRE(failed.print_error.has_value());
    CHECK(*failed.print_error == fault.expected);
    CHECK(bench.ledger_rows() == 1);  // the consent is still there, once
    CHECK(failed.record_id == bench.record.id);

    // The associate fixes the printer; "print again" prints the same receipt.
    *bench.script = drivers::printer::FakePrinterScript{};
    bench.received->clear();
    const ReceiptShown again = bench.print_and_wait();
    CHECK(again.print == PrintState::Printed);
    CHECK(bench.ledger_rows() == 1);
  }
}

TEST_CASE("A job that ends after its client left changes nothing on the next client's screen") {
  PrintBench bench(Language::English);
  REQUIRE(bench.desk->print(7));
  CHECK_FALSE(bench.desk->print(7));  // one job at a time
  bench.desk->forget();
  bench.jobs.wait_for(1);
  CHECK_FALSE(bench.desk->poll());
  CHECK_FALSE(bench.desk->shown(7).has_value());
}

TEST_CASE("Without a printer the receipt is on screen only") {
  PrintBench bench(Language::English);  // for a committed record and its code
  MemoryLogger logger;
  ReceiptDesk desk(nullptr, logger, {});
  desk.on_committed(3, bench.record, bench.code, store_fixtures::shipped_model(),
                    {"k", "s", nullptr, std::nullopt});
  auto shown = desk.shown(3);
  REQUIRE(shown.has_value());
  CHECK_FALSE(shown->can_print);
  CHECK(shown->qr.width > 20);
  CHECK_FALSE(desk.print(3));
}
