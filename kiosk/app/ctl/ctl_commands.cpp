#include "ctl_command.hpp"

namespace kiosk::ctl {

ExitCode run_config_check(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_parse(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_selftest(CtlContext& context, const std::vector<std::string>& args);

std::span<const CtlCommand> ctl_commands() {
  static constexpr CtlCommand commands[] = {
      {"config-check", "config-check [--config FILE]",
       "validate a kiosk.toml (default: the embedded demo config)", run_config_check},
      {"parse", "parse [FILE|-]", "read an ID card's AAMVA barcode payload; print the document as JSON", run_parse},
      {"selftest", "selftest", "check the kiosk's libraries, font and embedded config", run_selftest},
  };
  return commands;
}

}  // namespace kiosk::ctl
