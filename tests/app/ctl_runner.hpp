#pragma once
// Runs kioskctl in-process and keeps what it printed.

#include <sstream>
#include <string>
#include <vector>

#include "ctl_command.hpp"

struct CtlResult {
  int exit = -1;
  std::string out;
  std::vector<std::string> lines() const {
    std::vector<std::string> all;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) all.push_back(line);
    return all;
  }
};

inline CtlResult run_ctl(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  kiosk::SystemClock clock;
  kiosk::MemoryLogger logger;
  kiosk::ctl::CtlContext context{out, err, clock, logger};
  const int exit = kiosk::ctl::run_kioskctl(args, context);
  return {exit, out.str()};
}

inline std::string kioskctl_binary() {
  return std::string(KIOSK_BINARY_DIR) + "/kiosk/app/kioskctl";
}
