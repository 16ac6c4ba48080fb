// kioskctl selftest --config FILE [--json] [--min-free-mb N]: the field tech's proof that a
// kiosk works before leaving the store (kiosk_selftest.hpp). A report to read by default, JSON
// with --json; exit 2 when any check failed.
#include <nlohmann/json.hpp>

#include <ostream>
#include <stdexcept>

#include "ctl_command.hpp"
#include "kiosk_selftest.hpp"
#include "selftest_report.hpp"

namespace kiosk::ctl {
namespace {

constexpr const char* kUsage = "selftest --config FILE [--json] [--min-free-mb N]";

void print_report(std::ostream& out, const KioskConfig& config, const std::vector<SelftestCheck>& checks) {
  out << "kioskctl selftest: kiosk " << config.kiosk_id << " (" << config.source << ")\n\n";
  std::size_t failures = 0;
  for (const auto& check : checks) {
    const char* mark = check.outcome == CheckOutcome::Ok       ? "ok    "
                       : check.outcome == CheckOutcome::Failed ? "FAILED"
                                                               : "--    ";
    out << "  " << mark << "  " << check.name << ": " << check.detail << "\n";
    if (check.outcome == CheckOutcome::Failed) {
      ++failures;
      out << "          what to do: " << check.remedy << "\n";
    }
  }
  out << "\n"
      << (failures == 0 ? std::string("All checks passed.")
                        : std::to_string(failures) + (failures == 1 ? " check failed." : " checks failed."))
      << "\n";
  out.flush();
}

}  // namespace

ExitCode run_selftest(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {"--config", "--min-free-mb"}, {"--json"});
  if (!line || !line->option("--config") || !line->positionals().empty()) {
    return print_error(context, ExitCode::BadInput, "usage", line ? kUsage : line.error().message);
  }
  SelftestLimits limits;
  if (auto text = line->option("--min-free-mb")) {
    try {
      limits.min_free_bytes = std::stoull(*text) * 1024 * 1024;
    } catch (const std::logic_error&) {
      return print_error(context, ExitCode::BadInput, "usage", "--min-free-mb takes a whole number");
    }
  }
  auto config = load_kiosk_config(*line->option("--config"));
  if (!config) {
    const std::vector<SelftestCheck> checks{{"config", CheckOutcome::Failed, config.error().message(),
                                             "fix the config file (see config/README.md), or re-enroll"}};
    if (line->flag("--json")) {
      print_json(context, selftest_json(checks));
    } else {
      KioskConfig unread;
      unread.source = *line->option("--config");
      print_report(context.out, unread, checks);
    }
    return ExitCode::BadInput;
  }
  const auto checks = run_selftest_checks(*config, limits, context.clock);
  if (line->flag("--json")) {
    print_json(context, selftest_json(checks));
  } else {
    print_report(context.out, *config, checks);
  }
  return all_passed(checks) ? ExitCode::Ok : ExitCode::BadInput;
}

}  // namespace kiosk::ctl
