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

// `input` is what the command reads on stdin (a PIN).
inline CtlResult run_ctl(const std::vector<std::string>& args, const std::string& input = {}) {
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in(input);
  kiosk::SystemClock clock;
  kiosk::MemoryLogger logger;
  kiosk::ctl::CtlContext context{out, err, clock, logger, &in};
  const int exit = kiosk::ctl::run_kioskctl(args, context);
  return {exit, out.str()};
}

// The record ids demo-load printed, one "committed ID" line each.
inline std::vector<std::string> committed_ids(const CtlResult& run) {
  std::vector<std::string> ids;
  for (const auto& line : run.lines()) {
    if (line.starts_with("committed ")) ids.push_back(line.substr(10));
  }
  return ids;
}

inline std::string kioskctl_binary() {
  return std::string(KIOSK_BINARY_DIR) + "/kiosk/app/kioskctl";
}
