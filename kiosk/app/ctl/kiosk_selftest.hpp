#pragma once
// The field tech's self-test: one check per thing a kiosk needs before it can serve anyone, each
// ok, failed or not configured, with what was found and, when it failed, what to do. GUI-less:
// `kioskctl selftest` prints it and `kioskctl diagnostics` bundles it.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/core/clock.hpp"

namespace kiosk::ctl {

enum class CheckOutcome { Ok, Failed, NotConfigured };
std::string_view to_string(CheckOutcome outcome);

struct SelftestCheck {
  std::string name;
  CheckOutcome outcome = CheckOutcome::Ok;
  std::string detail;  // what was found
  std::string remedy;  // what a tech should do; failures only
};

struct SelftestLimits {
  std::uintmax_t min_free_bytes = std::uintmax_t{256} * 1024 * 1024;
  std::chrono::seconds max_clock_skew{60};
  // Short: a tech waits in front of the kiosk for the answer.
  std::chrono::milliseconds head_office_timeout{5000};
  std::filesystem::path usb_devices = "/sys/bus/usb/devices";
};

std::vector<SelftestCheck> run_selftest_checks(const KioskConfig& config, const SelftestLimits& limits,
                                               const Clock& clock);

bool all_passed(const std::vector<SelftestCheck>& checks);

}  // namespace kiosk::ctl
