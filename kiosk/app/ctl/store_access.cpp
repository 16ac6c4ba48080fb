#include "store_access.hpp"

#include <stdexcept>

#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/policy_assets.hpp"

namespace kiosk::ctl {

const consent::ConsentModel& embedded_consent_model() {
  // Built once per process from constant data: the same every call.
  static const consent::ConsentModel model = [] {
    auto built = store::build_consent_model(store::embedded_policy_assets());
    if (!built) throw std::runtime_error("embedded consent model: " + built.error().detail);
    return std::move(*built);
  }();
  return model;
}

ExitCode print_store_error(CtlContext& context, const store::StoreError& error) {
  // A key refused is a failed check the tech must act on, like a missing or damaged database.
  const bool callers_fault =
      error.code == store::StoreErrc::NotFound || error.code == store::StoreErrc::Corrupt ||
      error.code == store::StoreErrc::SchemaTooNew || error.code == store::StoreErrc::KeyFile;
  return print_error(context, callers_fault ? ExitCode::BadInput : ExitCode::InternalError,
                     to_string(error.code), std::string(error.message().en) + " (" + error.detail + ")");
}

std::optional<store::SqliteDatabase> open_db_argument(CtlContext& context,
                                                      const std::vector<std::string>& args,
                                                      std::string_view usage, ExitCode& exit) {
  auto line = CommandLine::parse(args, {"--db"}, {});
  if (!line || !line->option("--db")) {
    exit =
        print_error(context, ExitCode::BadInput, "usage", line ? std::string(usage) : line.error().message);
    return std::nullopt;
  }
  // Read-only, and as an immutable file when no kiosk has it open: no -wal or -shm left behind.
  auto db = store::open_database_read_only(*line->option("--db"));
  if (!db) {
    exit = print_store_error(context, db.error());
    return std::nullopt;
  }
  return std::move(*db);
}

}  // namespace kiosk::ctl
