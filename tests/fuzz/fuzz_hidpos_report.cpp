// libFuzzer harness: a HID report descriptor and a stream of HID-POS input reports, both from
// arbitrary bytes, through the descriptor parser and the scan assembler. Neither may crash, read
// out of bounds or loop without end, and what they accept must keep within its own limits.
// Input: one byte giving the descriptor's length, the descriptor, then the reports back to back.
//
// With KIOSK_FUZZ_SEED_DIR set, it writes a seed corpus there and exits (tests/fuzz/run-fuzzers.sh).
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "kiosk/drivers/scanner/hid_pos_descriptor.hpp"
#include "kiosk/drivers/scanner/hid_pos_report.hpp"
#include "scanner_fixtures.hpp"

using namespace kiosk::drivers;
using namespace scanner_test;

namespace {

constexpr std::size_t kMaxScan = 512;

Bytes seed(const Bytes& descriptor, const std::vector<Bytes>& reports) {
  Bytes out = {static_cast<std::uint8_t>(std::min<std::size_t>(descriptor.size(), 255))};
  out.insert(out.end(), descriptor.begin(), descriptor.begin() + out[0]);
  for (const auto& report : reports) out.insert(out.end(), report.begin(), report.end());
  return out;
}

std::vector<Bytes> seeds() {
  const Bytes licence = bytes(sample_licence());
  auto bad_length = hid_pos_reports(bytes("@ANSI 6360"));
  bad_length[0][1] = 60;
  return {
      seed(hid_pos_scanner_descriptor(), hid_pos_reports(licence)),
      seed({}, hid_pos_reports(licence, "]L0")),
      seed(keyboard_descriptor(), hid_pos_reports(bytes("0123456789"))),
      seed(hid_pos_scanner_descriptor(0x8D), bad_length),
      seed(hid_pos_scanner_descriptor(), {hid_pos_reports(licence)[0]}),
  };
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("KIOSK_FUZZ_SEED_DIR")) {
    write_seed_corpus(dir, seeds());
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // The first byte says how much of the rest is the descriptor; the remainder is the reports.
  const std::size_t split = std::min<std::size_t>(data[0], size - 1);
  const std::span<const std::uint8_t> descriptor(data + 1, split);
  const std::span<const std::uint8_t> reports(data + 1 + split, size - 1 - split);

  HidPosReportLayout layout;
  if (auto parsed = parse_hid_pos_descriptor(descriptor)) {
    layout = *parsed;
    // Every field a layout names lies inside the report it describes.
    if (layout.data_capacity == 0 || layout.data_at + layout.data_capacity > layout.report_bytes)
      __builtin_trap();
    if (layout.length_at && *layout.length_at >= layout.report_bytes) __builtin_trap();
    if (layout.continued_bit && *layout.continued_bit / 8 >= layout.report_bytes) __builtin_trap();
  }

  HidPosScanAssembler assembler(layout, kMaxScan, std::chrono::milliseconds(50));
  const std::size_t report_size = std::clamp<std::size_t>(layout.report_bytes, 1, 256);
  auto at = std::chrono::steady_clock::time_point{};
  for (std::size_t offset = 0; offset < reports.size(); offset += report_size) {
    const auto report = reports.subspan(offset, std::min(report_size, reports.size() - offset));
    auto added = assembler.add(report, at);
    if (added && added->has_value() && (*added)->payload.size() > kMaxScan) __builtin_trap();
    if (!added && assembler.pending()) __builtin_trap();  // an error always abandons the partial scan
    at += std::chrono::milliseconds(report.empty() ? 1 : report[0] % 64);
  }
  return 0;
}
