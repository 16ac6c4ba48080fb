#pragma once
// Runs kioskctl in-process, as the command line would, and keeps what it printed.

#include <sstream>
#include <string>
#include <vector>

#include "ctl_command.hpp"

namespace kiosk::testing {

struct CtlRun {
  int exit;
  std::string out;
  std::string err;
};

inline CtlRun kioskctl(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  SystemClock clock;
  MemoryLogger logger;
  ctl::CtlContext context{out, err, clock, logger};
  const int exit = ctl::run_kioskctl(args, context);
  return {exit, out.str(), err.str()};
}

}  // namespace kiosk::testing
