#pragma once
// What the store commands share: the compiled-in consent model and the JSON shape of a store
// failure.

#include <optional>

#include "ctl_command.hpp"
#include "kiosk/core/consent/consent_model.hpp"
#include "kiosk/store/sqlite_database.hpp"
#include "kiosk/store/store_error.hpp"

namespace kiosk::ctl {

// The policy compiled into this binary. Failing to parse it is a build defect.
const consent::ConsentModel& embedded_consent_model();

// A missing or damaged database, or a key refused, is the caller's problem (2); anything else is
// the machine's (1).
ExitCode print_store_error(CtlContext& context, const store::StoreError& error);

// `COMMAND --db PATH`: opens an existing database to read it, or prints why not and sets `exit`.
std::optional<store::SqliteDatabase> open_db_argument(CtlContext& context,
                                                      const std::vector<std::string>& args,
                                                      std::string_view usage, ExitCode& exit);

}  // namespace kiosk::ctl
