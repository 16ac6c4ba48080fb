// HID-POS Scanned Data Reports, one at a time and reassembled, from byte sequences in the layout
// real scanners send: single reports, multi-report scans, garbage, other reports.
#include <catch2/catch.hpp>

#include "kiosk/drivers/scanner/hid_pos_report.hpp"
#include "scanner_fixtures.hpp"

using namespace kiosk::drivers;
using namespace scanner_test;
using namespace std::chrono_literals;

namespace {

// Two reports of one PDF417 scan, byte for byte: report id 2, byte count, "]L2", data, vendor
// code id 'r', flags (bit 0: more follows).
const Bytes kFirstReport = from_hex({
    "02 38 5D 4C 32 40 0A 1E 0D 41 4E 53 49 20 36 33",
    "36 30 31 32 30 39 30 31 30 32 44 4C 30 30 34 31",
    "30 32 37 38 5A 4F 30 33 31 39 30 30 30 38 44 4C",
    "44 41 51 41 31 32 33 34 2D 35 36 37 38 72 00 01",
});
const Bytes kLastReport = from_hex({
    "02 12 5D 4C 32 39 2D 30 31 32 33 34 0A 44 43 53",
    "53 41 4D 50 4C 45 0A 00 00 00 00 00 00 00 00 00",
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
    "00 00 00 00 00 00 00 00 00 00 00 00 00 72 00 00",
});
const std::string kTwoReportPayload =
    "@\n\x1e\rANSI 636012090102DL00410278ZO03190008DLDAQA1234-56789-01234\nDCSSAMPLE\n";

const auto t0 = std::chrono::steady_clock::time_point{} + 1h;

}  // namespace

TEST_CASE("a single Scanned Data Report yields its data, symbology and continued flag") {
  const Bytes report = hid_pos_reports(bytes("0123456789"), "]C0")[0];
  auto parsed = parse_hid_pos_report(report, HidPosReportLayout{});
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->has_value());
  const HidPosFragment& fragment = **parsed;
  CHECK(std::string(fragment.data.begin(), fragment.data.end()) == "0123456789");
  CHECK(fragment.symbology == "]C0");
  CHECK_FALSE(fragment.continued);

  auto first = parse_hid_pos_report(kFirstReport, HidPosReportLayout{});
  REQUIRE(first.has_value());
  REQUIRE(first->has_value());
  CHECK((*first)->data.size() == 56);
  CHECK((*first)->continued);
}

TEST_CASE("a scan spanning two recorded reports is reassembled byte for byte") {
  HidPosScanAssembler assembler{HidPosReportLayout{}};
  auto after_first = assembler.add(kFirstReport, t0);
  REQUIRE(after_first.has_value());
  CHECK_FALSE(after_first->has_value());
  CHECK(assembler.pending());
  auto after_last = assembler.add(kLastReport, t0 + 8ms);
  REQUIRE(after_last.has_value());
  REQUIRE(after_last->has_value());
  CHECK((*after_last)->payload == bytes(kTwoReportPayload));
  CHECK((*after_last)->symbology == "]L2");
  CHECK_FALSE(assembler.pending());
}

TEST_CASE("a full licence payload spanning many reports comes out whole, scan after scan") {
  const Bytes payload = bytes(sample_licence());
  const auto reports = hid_pos_reports(payload);
  REQUIRE(reports.size() >= 5);
  HidPosScanAssembler assembler{HidPosReportLayout{}};
  for (int scan = 0; scan < 2; ++scan) {
    std::optional<HidPosScan> done;
    for (std::size_t i = 0; i < reports.size(); ++i) {
      auto added = assembler.add(reports[i], t0 + std::chrono::milliseconds(10 * i));
      REQUIRE(added.has_value());
      CHECK(added->has_value() == (i + 1 == reports.size()));
      if (added->has_value()) done = std::move(**added);
    }
    REQUIRE(done.has_value());
    CHECK(done->payload == payload);
  }
}

TEST_CASE("reports with another report id are not scan data") {
  Bytes trigger(64, 0);
  trigger[0] = 0x04;
  trigger[1] = 0x10;
  auto parsed = parse_hid_pos_report(trigger, HidPosReportLayout{});
  REQUIRE(parsed.has_value());
  CHECK_FALSE(parsed->has_value());

  // Interleaved in the middle of a scan, it neither completes nor breaks it.
  HidPosScanAssembler assembler{HidPosReportLayout{}};
  REQUIRE(assembler.add(kFirstReport, t0).has_value());
  auto ignored = assembler.add(trigger, t0 + 1ms);
  REQUIRE(ignored.has_value());
  CHECK_FALSE(ignored->has_value());
  auto done = assembler.add(kLastReport, t0 + 2ms);
  REQUIRE(done.has_value());
  REQUIRE(done->has_value());
  CHECK((*done)->payload == bytes(kTwoReportPayload));
}

TEST_CASE("garbage reports are refused with a reason and abandon the partial scan") {
  HidPosScanAssembler assembler{HidPosReportLayout{}};

  SECTION("a byte count larger than the data field") {
    Bytes bad = kLastReport;
    bad[1] = 57;
    auto parsed = parse_hid_pos_report(bad, HidPosReportLayout{});
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == HidPosReportErrc::BadLength);

    REQUIRE(assembler.add(kFirstReport, t0).has_value());
    auto added = assembler.add(bad, t0 + 1ms);
    REQUIRE_FALSE(added.has_value());
    CHECK(added.error().code == HidPosReportErrc::BadLength);
    CHECK_FALSE(assembler.pending());
  }
  SECTION("a report cut short before its data or its flags") {
    const Bytes cut(kFirstReport.begin(), kFirstReport.begin() + 20);
    auto parsed = parse_hid_pos_report(cut, HidPosReportLayout{});
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == HidPosReportErrc::TooShort);
    const Bytes no_flags(kLastReport.begin(), kLastReport.begin() + 40);
    auto flagless = parse_hid_pos_report(no_flags, HidPosReportLayout{});
    REQUIRE_FALSE(flagless.has_value());
    CHECK(flagless.error().code == HidPosReportErrc::TooShort);
    auto empty = parse_hid_pos_report({}, HidPosReportLayout{});
    REQUIRE_FALSE(empty.has_value());
  }
  SECTION("a continued flag that never clears") {
    HidPosScanAssembler small{HidPosReportLayout{}, 200};
    Bytes endless = kFirstReport;
    std::optional<HidPosReportErrc> error;
    for (int i = 0; i < 10 && !error; ++i) {
      auto added = small.add(endless, t0 + std::chrono::milliseconds(i));
      if (!added) error = added.error().code;
    }
    REQUIRE(error.has_value());
    CHECK(*error == HidPosReportErrc::ScanTooLong);
    CHECK_FALSE(small.pending());
  }
}

TEST_CASE("a partial scan whose next report never came is dropped, and the next scan is clean") {
  HidPosScanAssembler assembler{HidPosReportLayout{}, HidPosScanAssembler::kDefaultMaxScanBytes, 500ms};
  REQUIRE(assembler.add(kFirstReport, t0).has_value());
  // Two seconds later a new, single-report scan arrives: the stale half must not be glued to it.
  const Bytes fresh = hid_pos_reports(bytes("FRESH"))[0];
  auto added = assembler.add(fresh, t0 + 2s);
  REQUIRE(added.has_value());
  REQUIRE(added->has_value());
  CHECK((*added)->payload == bytes("FRESH"));
}

TEST_CASE("an empty final report alone is a no-read, not a scan") {
  Bytes empty(64, 0);
  empty[0] = 0x02;
  HidPosScanAssembler assembler{HidPosReportLayout{}};
  auto added = assembler.add(empty, t0);
  REQUIRE(added.has_value());
  CHECK_FALSE(added->has_value());
  CHECK_FALSE(assembler.pending());
}

TEST_CASE("a layout without a byte count trims the NUL padding") {
  HidPosReportLayout layout;
  layout.report_id = 0;
  layout.length_at.reset();
  layout.symbology_at = {0, 1, 2};
  layout.data_at = 3;
  layout.data_capacity = 60;
  layout.continued_bit = 63 * 8 + 7;
  Bytes report(64, 0);
  const std::string text = "]L2HELLO";
  std::copy(text.begin(), text.end(), report.begin());
  report[63] = 0x80;
  auto parsed = parse_hid_pos_report(report, layout);
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->has_value());
  CHECK(std::string((*parsed)->data.begin(), (*parsed)->data.end()) == "HELLO");
  CHECK((*parsed)->symbology == "]L2");
  CHECK((*parsed)->continued);
}
