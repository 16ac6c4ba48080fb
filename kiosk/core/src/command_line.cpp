#include "kiosk/core/command_line.hpp"

namespace kiosk {

Expected<CommandLine, CommandLineError> CommandLine::parse(const std::vector<std::string>& args,
                                                           const std::set<std::string>& options,
                                                           const std::set<std::string>& flags) {
  CommandLine line;
  bool only_positionals = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (only_positionals || arg == "-" || !arg.starts_with("--")) {
      line.positionals_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positionals = true;
      continue;
    }
    std::string name = arg;
    std::optional<std::string> inline_value;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    if (options.contains(name)) {
      if (inline_value) {
        line.options_.emplace_back(name, *inline_value);
      } else if (i + 1 < args.size()) {
        line.options_.emplace_back(name, args[++i]);
      } else {
        return fail(CommandLineError{name + " needs a value"});
      }
    } else if (flags.contains(name) && !inline_value) {
      line.flags_.insert(name);
    } else {
      return fail(CommandLineError{"unknown option " + arg});
    }
  }
  return line;
}

std::optional<std::string> CommandLine::option(std::string_view name) const {
  // The last occurrence wins, as in most Unix tools.
  for (auto it = options_.rbegin(); it != options_.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return std::nullopt;
}

bool CommandLine::flag(std::string_view name) const {
  return flags_.contains(name);
}

}  // namespace kiosk
