#pragma once
// kioskctl's subcommands. Each lives in its own file and is listed once in ctl_commands.cpp.
// Output is JSON on `out`; exit codes follow ExitCode (0 ok, 2 bad input/check failed, 1 internal).

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "kiosk/app/command_line.hpp"
#include "kiosk/app/exit_code.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/logger.hpp"

namespace kiosk::ctl {

struct CtlContext {
  std::ostream& out;
  std::ostream& err;
  const Clock& clock;
  Logger& logger;
  // Where a command reads a secret typed or piped to it (a PIN); none in tests that need none.
  std::istream* in = nullptr;
};

struct CtlCommand {
  std::string_view name;
  std::string_view usage;    // e.g. "parse [FILE|-]"
  std::string_view summary;  // one line for --help
  ExitCode (*run)(CtlContext& context, const std::vector<std::string>& args);
};

std::span<const CtlCommand> ctl_commands();

// Runs `kioskctl ARGS...`; never throws.
int run_kioskctl(const std::vector<std::string>& args, CtlContext& context);

// Writes one compact JSON document and a newline, flushed: callers may be reading line by line.
void print_json(CtlContext& context, const nlohmann::json& value);
// The shape every failure takes: {"ok":false,"error":{"code":...,"message":...}}.
ExitCode print_error(CtlContext& context, ExitCode exit, std::string_view code, std::string_view message);

}  // namespace kiosk::ctl
