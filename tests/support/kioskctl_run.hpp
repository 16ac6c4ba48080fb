#pragma once
// Runs kioskctl in-process, as the command line would, and keeps what it printed.

#include <nlohmann/json.hpp>
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

// kioskctl prints one JSON document per line.
inline std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

}  // namespace kiosk::testing
