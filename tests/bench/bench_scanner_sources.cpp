// What the scanner sources cost per scan, next to a baseline measured in the same run: the least
// any reader must do with the same input (gather the keys' text; copy each report's data field).
// Then how long after a keyboard-wedge scanner's last key the scan reaches the queue, which is
// the decoder's quiet gap by design. Prints figures; asserts nothing.
#include <chrono>

#include <cstdio>
#include <cstring>
#include <vector>
#include "../support/bench_timing.hpp"

#include "../support/scanner_fixtures.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/drivers/scanner/hid_pos_report.hpp"
#include "kiosk/drivers/scanner/keyboard_wedge_decoder.hpp"
#include "kiosk/drivers/scanner/keyboard_wedge_source.hpp"

namespace {

using namespace kiosk::drivers;
using namespace scanner_test;
using kiosk::testing::nanoseconds_per_call;
using Clock = std::chrono::steady_clock;

volatile std::size_t sink;

const char* name(WedgeStyle style) {
  switch (style) {
    case WedgeStyle::CtrlCombos: return "wedge Ctrl combos";
    case WedgeStyle::CtrlShiftDigits: return "wedge Ctrl+Shift";
    case WedgeStyle::EnterForLfAndCr: return "wedge Enter";
    case WedgeStyle::CrAsCrLf: return "wedge CR as CRLF";
    case WedgeStyle::DropAll: return "wedge dropped all";
  }
  return "?";
}

}  // namespace

int main() {
  const std::string payload = sample_licence();
  std::printf("payload: fictional licence, %zu bytes\n\n", payload.size());
  std::printf("%-20s %6s %14s %14s\n", "input", "events", "decode ns", "baseline ns");

  for (auto style : {WedgeStyle::CtrlCombos, WedgeStyle::CtrlShiftDigits, WedgeStyle::EnterForLfAndCr,
                     WedgeStyle::CrAsCrLf, WedgeStyle::DropAll}) {
    const auto keys =
        wedge_keys(payload, style, Clock::time_point{} + std::chrono::hours(1), std::chrono::milliseconds(4));
    const double decode = nanoseconds_per_call([&] {
      KeyboardWedgeDecoder decoder;
      for (const auto& key : keys) decoder.feed(key);
      const auto scan = decoder.poll(keys.back().time + std::chrono::seconds(1));
      sink = scan ? scan->size() : 0;
    });
    const double baseline = nanoseconds_per_call([&] {
      std::vector<std::uint8_t> text;
      text.reserve(keys.size());
      for (const auto& key : keys) text.insert(text.end(), key.text.begin(), key.text.end());
      sink = text.size();
    });
    std::printf("%-20s %6zu %14.0f %14.0f\n", name(style), keys.size(), decode, baseline);
  }

  const auto reports = hid_pos_reports(bytes(payload));
  const double assemble = nanoseconds_per_call([&] {
    HidPosScanAssembler assembler{HidPosReportLayout{}};
    std::size_t size = 0;
    for (const auto& report : reports) {
      auto added = assembler.add(report, Clock::time_point{});
      if (added && added->has_value()) size = (*added)->payload.size();
    }
    sink = size;
  });
  const double copy = nanoseconds_per_call([&] {
    std::vector<std::uint8_t> out;
    out.reserve(reports.size() * 56);
    for (const auto& report : reports)
      out.insert(out.end(), report.begin() + 5, report.begin() + 5 + report[1]);
    sink = out.size();
  });
  std::printf("%-20s %6zu %14.0f %14.0f\n", "HID-POS reports", reports.size(), assemble, copy);

  // Latency: keys handed over at once (as the UI loop does), scan popped from the queue.
  kiosk::SystemClock clock;
  kiosk::MemoryLogger logger;
  ScanQueue queue;
  KeyboardWedgeSource wedge(clock, logger);
  wedge.start(queue);
  std::vector<double> latencies;
  for (int round = 0; round < 5; ++round) {
    const auto keys =
        wedge_keys(payload, WedgeStyle::EnterForLfAndCr, Clock::now(), std::chrono::milliseconds(0));
    wedge.feed(keys);
    const auto scan = queue.pop(std::chrono::seconds(5));
    latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - keys.back().time).count());
    sink = scan ? scan->payload.size() : 0;
  }
  wedge.stop();
  std::printf("\nwedge scan in the queue after its last key (ms, 5 runs; quiet gap %lld ms):",
              static_cast<long long>(WedgeTiming{}.scan_end_gap.count()));
  for (double ms : latencies) std::printf(" %.1f", ms);
  std::printf("\n");
  return 0;
}
