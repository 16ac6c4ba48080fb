#include <nlohmann/json.hpp>

#include "ctl_command.hpp"
#include "kiosk/store/consent_ledger.hpp"
#include "store_access.hpp"

namespace kiosk::ctl {

// One JSON line per ledger record: what was decided, when, under which policy. The ledger
// holds nothing that identifies the client, and neither does this (not even the client key).
ExitCode run_ledger(CtlContext& context, const std::vector<std::string>& args) {
  ExitCode exit = ExitCode::Ok;
  auto db = open_db_argument(context, args, "ledger --db PATH", exit);
  if (!db) return exit;
  store::ConsentLedger ledger(*db);
  auto listed = ledger.for_each([&](const store::LedgerEntry& entry) {
    auto json = nlohmann::json::parse(consent::to_ledger_json(entry.record));
    json["seq"] = entry.seq;
    print_json(context, json);
  });
  if (!listed) return print_store_error(context, listed.error());
  return ExitCode::Ok;
}

}  // namespace kiosk::ctl
