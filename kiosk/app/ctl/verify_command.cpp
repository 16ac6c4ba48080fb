#include <nlohmann/json.hpp>

#include "ctl_command.hpp"
#include "kiosk/store/store_check.hpp"
#include "store_access.hpp"

namespace kiosk::ctl {

// Checks a database without changing it; exit 2 and the reasons when anything is wrong.
ExitCode run_verify(CtlContext& context, const std::vector<std::string>& args) {
  ExitCode exit = ExitCode::Ok;
  auto db = open_db_argument(context, args, "verify --db PATH", exit);
  if (!db) return exit;
  auto report = store::check_store(*db);
  if (!report) return print_store_error(context, report.error());

  auto chain = [](const store::ChainReport& report_of) {
    return nlohmann::json{
        {"rows", report_of.rows}, {"ok", report_of.problems.empty()}, {"problems", report_of.problems}};
  };
  print_json(context, {{"ok", report->ok()},
                       {"integrity", report->integrity},
                       {"schema_version", report->schema_version},
                       {"ledger", chain(report->ledger)},
                       {"audit", chain(report->audit)},
                       {"outbox",
                        {{"pending", report->outbox_pending},
                         {"delivered", report->outbox_delivered},
                         {"ok", report->outbox_problems.empty()},
                         {"problems", report->outbox_problems}}}});
  return report->ok() ? ExitCode::Ok : ExitCode::BadInput;
}

}  // namespace kiosk::ctl
