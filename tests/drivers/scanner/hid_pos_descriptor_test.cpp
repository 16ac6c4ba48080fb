// The HID report descriptor decides which devices the kiosk claims as barcode scanners.
#include <catch2/catch.hpp>

#include "kiosk/drivers/scanner/hid_pos_descriptor.hpp"
#include "scanner_fixtures.hpp"

using namespace kiosk::drivers;
using namespace scanner_test;

namespace {

// What every accepted layout promises: each field it names lies inside the report.
void check_fields_inside_report(const HidPosReportLayout& layout) {
  CHECK(layout.data_capacity > 0);
  CHECK(layout.data_at + layout.data_capacity <= layout.report_bytes);
  if (layout.length_at) CHECK(*layout.length_at < layout.report_bytes);
  if (layout.continued_bit) CHECK(*layout.continued_bit / 8 < layout.report_bytes);
  for (const auto& at : layout.symbology_at) {
    if (at) CHECK(*at < layout.report_bytes);
  }
}

}  // namespace

TEST_CASE("a HID-POS scanner descriptor gives the Scanned Data Report's layout") {
  auto layout = parse_hid_pos_descriptor(hid_pos_scanner_descriptor());
  REQUIRE(layout.has_value());
  CHECK(layout->report_id == 2);
  CHECK(layout->length_at == std::optional<std::size_t>(1));
  CHECK(layout->symbology_at[0] == std::optional<std::size_t>(2));
  CHECK(layout->symbology_at[2] == std::optional<std::size_t>(4));
  CHECK(layout->data_at == 5);
  CHECK(layout->data_capacity == 56);
  CHECK(layout->continued_bit == std::optional<std::size_t>(63 * 8));
  CHECK(layout->report_bytes == 64);
  // The common layout is exactly what this descriptor declares.
  CHECK(*layout == HidPosReportLayout{});
  check_fields_inside_report(*layout);
}

TEST_CASE("a wrong usage page is refused: keyboards and vendor pages are not scanners") {
  auto keyboard = parse_hid_pos_descriptor(keyboard_descriptor());
  REQUIRE_FALSE(keyboard.has_value());
  CHECK(keyboard.error().code == HidDescriptorErrc::NotBarcodeScanner);
  CHECK(keyboard.error().detail.find("usage page 0x0001 usage 0x06") != std::string::npos);

  // Same layout under a vendor page (0xFF8C-like): not the standard scanner usage.
  Bytes vendor = hid_pos_scanner_descriptor(0x8D);
  auto refused = parse_hid_pos_descriptor(vendor);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == HidDescriptorErrc::NotBarcodeScanner);
}

TEST_CASE("a scanner collection without Decoded Data has no usable report") {
  const Bytes descriptor = {0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0x85, 0x02, 0x75,
                            0x08, 0x95, 0x01, 0x09, 0x10, 0x81, 0x02, 0xC0};
  auto layout = parse_hid_pos_descriptor(descriptor);
  REQUIRE_FALSE(layout.has_value());
  CHECK(layout.error().code == HidDescriptorErrc::NoScannedDataReport);
}

TEST_CASE("a descriptor without report ids and with Decoded Data as one field per byte") {
  // Usage (0x8C:0x02) given as one 4-byte usage; no Report ID item; the flag in bit 7 of byte 63.
  const Bytes descriptor = {
      0x0B, 0x02, 0x00, 0x8C, 0x00,  // Usage (0x008C0002)
      0xA1, 0x01,                    // Collection (Application)
      0x05, 0x8C, 0x75, 0x08,        //   Usage Page (0x8C), Report Size (8)
      0x95, 0x3F, 0x09, 0xFE,        //   Report Count (63), Usage (Decoded Data)
      0x81, 0x02,                    //   Input (Data, Var, Abs): 63 one-byte fields
      0x75, 0x01, 0x95, 0x07,        //   Report Size (1), Report Count (7)
      0x81, 0x03,                    //   Input (Constant): padding
      0x95, 0x01, 0x09, 0xFF,        //   Report Count (1), Usage (Decode Data Continued)
      0x81, 0x02,                    //   Input (Data, Var, Abs)
      0xC0,
  };
  auto layout = parse_hid_pos_descriptor(descriptor);
  REQUIRE(layout.has_value());
  CHECK(layout->report_id == 0);
  CHECK_FALSE(layout->length_at.has_value());
  CHECK(layout->data_at == 0);
  CHECK(layout->data_capacity == 63);
  CHECK(layout->continued_bit == std::optional<std::size_t>(63 * 8 + 7));
  CHECK(layout->report_bytes == 64);

  Bytes report(64, 0);
  const std::string text = "@ANSI 6360";
  std::copy(text.begin(), text.end(), report.begin());
  report[63] = 0x80;
  auto parsed = parse_hid_pos_report(report, *layout);
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->has_value());
  CHECK(std::string((*parsed)->data.begin(), (*parsed)->data.end()) == text);
  CHECK((*parsed)->continued);
}

TEST_CASE("malformed descriptors are refused, never read past their end") {
  auto cut = Bytes(hid_pos_scanner_descriptor());
  cut.resize(cut.size() - 1);  // loses the last End Collection
  auto unclosed = parse_hid_pos_descriptor(cut);
  REQUIRE_FALSE(unclosed.has_value());
  CHECK(unclosed.error().code == HidDescriptorErrc::Malformed);

  const Bytes truncated_item = {0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01, 0x26, 0xFF};
  auto truncated = parse_hid_pos_descriptor(truncated_item);
  REQUIRE_FALSE(truncated.has_value());
  CHECK(truncated.error().code == HidDescriptorErrc::Malformed);
  CHECK(truncated.error().detail.find("offset 6") != std::string::npos);

  const Bytes stray_end = {0xC0};
  CHECK(parse_hid_pos_descriptor(stray_end).error().code == HidDescriptorErrc::Malformed);
  const Bytes pop_without_push = {0xB4};
  CHECK(parse_hid_pos_descriptor(pop_without_push).error().code == HidDescriptorErrc::Malformed);
  CHECK(parse_hid_pos_descriptor({}).error().code == HidDescriptorErrc::NotBarcodeScanner);
}

TEST_CASE("fuzzer regression: a zero-width field declares nothing, so no flag lies past the report") {
  // Found by fuzz_hidpos_report: Report Size 0 before Decode Data Continued put the flag's bit
  // at the very end of the report, one byte past it.
  const Bytes found = from_hex({
      "05 8C 09 02 A1 01 09 12 A1 02 C5 02 1D 00 7E FF",
      "00 75 08 95 01 05 01 09 3B 81 02 95 03 05 8C 09",
      "FB 09 04 F6 02 84 02 95 38 09 FE 82 02 01 06 66",
      "FF 95 02 09 04 09 00 81 02 05 8C 75 00 25 01 95",
      "08 09 FF 81 02 C0 C0",
  });
  auto layout = parse_hid_pos_descriptor(found);
  REQUIRE(layout.has_value());
  check_fields_inside_report(*layout);
  CHECK_FALSE(layout->continued_bit.has_value());

  // The same on the ordinary descriptor: its flags field made zero bits wide.
  Bytes zero_width = hid_pos_scanner_descriptor();
  const Bytes flags = {0x75, 0x01, 0x95, 0x08, 0x09, 0xFF};
  auto at = std::search(zero_width.begin(), zero_width.end(), flags.begin(), flags.end());
  REQUIRE(at != zero_width.end());
  *(at + 1) = 0x00;
  auto trimmed = parse_hid_pos_descriptor(zero_width);
  REQUIRE(trimmed.has_value());
  check_fields_inside_report(*trimmed);
  CHECK_FALSE(trimmed->continued_bit.has_value());
  CHECK(trimmed->report_bytes == 63);
}
