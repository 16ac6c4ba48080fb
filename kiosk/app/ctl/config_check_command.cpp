#include <nlohmann/json.hpp>

#include "ctl_command.hpp"
#include "kiosk/app/kiosk_config.hpp"

namespace kiosk::ctl {

ExitCode run_config_check(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {"--config"}, {});
  if (!line) return print_error(context, ExitCode::BadInput, "usage", line.error().message);
  auto config = line->option("--config") ? load_kiosk_config(*line->option("--config"))
                                         : parse_kiosk_config(embedded_demo_config(), "embedded demo config");
  if (!config) {
    return print_error(context, ExitCode::BadInput, to_string(config.error().code), config.error().message());
  }
  print_json(context, {{"ok", true},
                       {"source", config->source},
                       {"kiosk_id", config->kiosk_id},
                       {"default_language", language_code(config->default_language)},
                       {"inactivity_timeout_seconds", config->inactivity_timeout_seconds}});
  return ExitCode::Ok;
}

}  // namespace kiosk::ctl
