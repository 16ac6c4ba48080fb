// Parse time per AAMVA payload, for clean cards, scanner-mangled ones and refusals, next to a
// baseline measured in the same run: one pass over the same bytes counting separators, the least
// any parser must do. Prints figures; asserts nothing.
#include <chrono>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>
#include "../support/bench_timing.hpp"

#include "../support/aamva_payload_builder.hpp"
#include "ctl_command.hpp"
#include "kiosk/core/identity/aamva_parser.hpp"
#include "parse_output.hpp"

namespace {

using namespace kiosk::testing;
using Clock = std::chrono::steady_clock;

constexpr std::chrono::year_month_day kToday{std::chrono::year{2026}, std::chrono::month{11},
                                             std::chrono::day{28}};

struct Sample {
  const char* name;
  std::vector<std::uint8_t> bytes;
};

std::vector<Sample> samples() {
  auto z = canadian_card("636017", "NB", 10);
  z.add_subfile("ZN", {{"ZNA", "SOMETHING"}, {"ZNB", "12345"}});
  auto zero = us_card();
  zero.offsets = OffsetStyle::Zero;
  const std::string full = canadian_card().build();
  return {
      {"clean v09 Ontario", canadian_card().bytes()},
      {"clean v10 New York", us_card().bytes()},
      {"v03 (DCT)", version_3_card().bytes()},
      {"v01 (DAA)", version_1_card().bytes()},
      {"Z subfile", z.bytes()},
      {"zero offsets", zero.bytes()},
      {"wedge CRLF", as_bytes(replace_all(full, "\r", "\r\n"))},
      {"refused: truncated", as_bytes(full.substr(0, full.size() / 2))},
      {"refused: not AAMVA", as_bytes("https://example.com/p/12345?utm=kiosk")},
  };
}

volatile std::size_t sink;

}  // namespace

int main() {
  std::printf("%-22s %7s %12s %14s %14s\n", "payload", "bytes", "parse ns", "baseline ns", "parse+JSON ns");
  kiosk::SystemClock clock;
  kiosk::MemoryLogger logger;
  std::ostringstream out;
  std::ostringstream err;
  kiosk::ctl::CtlContext context{out, err, clock, logger};
  for (const auto& sample : samples()) {
    const double parse = nanoseconds_per_call([&] {
      const auto result = kiosk::identity::parse_aamva(sample.bytes, kToday);
      sink = result.has_value() ? result->family_name.size() : 0;
    });
    const double baseline = nanoseconds_per_call([&] {
      std::size_t breaks = 0;
      for (auto b : sample.bytes) breaks += b == '\n' || b == '\r' || b == 0x1e;
      sink = breaks;
    });
    const double with_json = nanoseconds_per_call([&] {
      out.str({});
      kiosk::ctl::print_parse_result(context, sample.bytes);
    });
    std::printf("%-22s %7zu %12.0f %14.0f %14.0f\n", sample.name, sample.bytes.size(), parse, baseline,
                with_json);
  }
  return 0;
}
