#include <exception>
#include <nlohmann/json.hpp>
#include <ostream>

#include "ctl_command.hpp"

namespace kiosk::ctl {
namespace {

void print_help(std::ostream& out) {
  out << "kioskctl: the field tech's and the test suite's tool for a consent kiosk\n\n"
         "usage: kioskctl COMMAND [ARGS...]\n\ncommands:\n";
  for (const auto& command : ctl_commands()) {
    out << "  " << command.usage << "\n      " << command.summary << "\n";
  }
  out << "  --version\n      the version, as JSON\n";
  out << "\nOutput is JSON. Exit status: 0 ok, 2 bad input or a failed check, 1 internal error.\n";
}

}  // namespace

void print_json(CtlContext& context, const nlohmann::json& value) {
  // Invalid UTF-8 from a damaged card must not abort the dump: replace it.
  context.out << value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  context.out.flush();
}

ExitCode print_error(CtlContext& context, ExitCode exit, std::string_view code, std::string_view message) {
  print_json(context, {{"ok", false}, {"error", {{"code", code}, {"message", message}}}});
  return exit;
}

int run_kioskctl(const std::vector<std::string>& args, CtlContext& context) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help(args.empty() ? context.err : context.out);
    return to_int(args.empty() ? ExitCode::BadInput : ExitCode::Ok);
  }
  if (args[0] == "--version") {
    print_json(context, {{"program", "kioskctl"}, {"version", KIOSK_VERSION}});
    return to_int(ExitCode::Ok);
  }
  for (const auto& command : ctl_commands()) {
    if (command.name != args[0]) continue;
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
      return to_int(command.run(context, rest));
    } catch (const std::exception& e) {
      // Only bugs land here: every foreseeable failure is a value.
      return to_int(print_error(context, ExitCode::InternalError, "internal", e.what()));
    }
  }
  return to_int(print_error(context, ExitCode::BadInput, "unknown-command",
                            "unknown command '" + args[0] + "': see kioskctl --help"));
}

}  // namespace kiosk::ctl
