#pragma once
// A small argument reader shared by kiosk, kioskctl and consent-hq: `--name value` options,
// `--flag` switches and positionals. Anything it was not told about is an error, so a typo
// never silently runs with a default.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/expected.hpp"

namespace kiosk {

struct CommandLineError {
  std::string message;
};

class CommandLine {
 public:
  // `options` take a value; `flags` do not. Both are written with their leading dashes.
  static Expected<CommandLine, CommandLineError> parse(const std::vector<std::string>& args,
                                                       const std::set<std::string>& options,
                                                       const std::set<std::string>& flags);

  std::optional<std::string> option(std::string_view name) const;
  bool flag(std::string_view name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  std::vector<std::pair<std::string, std::string>> options_;
  std::set<std::string, std::less<>> flags_;
  std::vector<std::string> positionals_;
};

}  // namespace kiosk
