#pragma once
// consent-hq's commands (DESIGN.md contracts): JSON on `out`, exit 0 ok, 2 bad input or a failed
// check, 1 internal error. `serve` runs until SIGTERM or SIGINT and then stops gracefully.

#include <iosfwd>
#include <string>
#include <vector>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/logger.hpp"

namespace kiosk::hq {

struct HqCliContext {
  std::ostream& out;
  std::ostream& err;
  const Clock& clock;
  Logger& logger;
};

// Runs `consent-hq ARGS...`; never throws.
int run_consent_hq(const std::vector<std::string>& args, HqCliContext& context);

}  // namespace kiosk::hq
