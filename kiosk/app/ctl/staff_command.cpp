// kioskctl staff: the tech enrolls, lists and removes the staff who may sign in at the kiosk.
// The PIN is read from stdin (never an argument, which `ps` and shell history would show), and
// only its Argon2id hash reaches the database.
#include <nlohmann/json.hpp>

#include <istream>

#include "ctl_command.hpp"
#include "kiosk/app/config_options.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/core/sensitive.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/staff_pins.hpp"
#include "store_access.hpp"

namespace kiosk::ctl {
namespace {

constexpr std::string_view kUsage =
    "staff add --config FILE|--db PATH --id ID --role associate|tech  (PIN on stdin)\n"
    "staff list --config FILE|--db PATH\n"
    "staff remove --config FILE|--db PATH --id ID";
// Who the audit log names for what this tool does: the person at the console has no staff id.
constexpr std::string_view kActor = "kioskctl";

Expected<std::filesystem::path, std::string> database_of(const CommandLine& line) {
  if (line.option("--db").has_value() == line.option("--config").has_value()) {
    return fail(std::string("give exactly one of --db PATH or --config FILE"));
  }
  if (auto db = line.option("--db")) return std::filesystem::path(*db);
  auto config = load_kiosk_config(*line.option("--config"));
  if (!config) return fail(config.error().message());
  return store_options_for(*config, {}).database;
}

// The secret's bytes are wiped when this goes, whatever path leaves the command.
struct TypedPin {
  std::string text;
  TypedPin() = default;
  TypedPin(const TypedPin&) = delete;
  TypedPin& operator=(const TypedPin&) = delete;
  ~TypedPin() { wipe(text); }
};

ExitCode add(CtlContext& context, const CommandLine& line, store::StaffPins& pins) {
  const auto id = line.option("--id").value_or("");
  if (!staff::is_valid_staff_id(id)) {
    return print_error(context, ExitCode::BadInput, "staff-id",
                       "--id must be a staff number of " + std::to_string(staff::kShortestStaffId) + " to " +
                           std::to_string(staff::kLongestStaffId) +
                           " digits (the kiosk's keypad has digits only)");
  }
  const auto role = staff::staff_role_from_string(line.option("--role").value_or(""));
  if (!role) return print_error(context, ExitCode::BadInput, "role", "--role must be associate or tech");
  if (!context.in) return print_error(context, ExitCode::BadInput, "pin", "no input to read the PIN from");
  TypedPin pin;
  reserve_wiped(pin.text, staff::kLongestPin * 4);
  std::getline(*context.in, pin.text);
  if (!pin.text.empty() && pin.text.back() == '\r') pin.text.pop_back();
  if (auto problem = staff::check_pin_format(pin.text)) {
    return print_error(context, ExitCode::BadInput, "pin-" + std::string(to_string(*problem)),
                       "the PIN (one line on stdin) must be " + std::to_string(staff::kShortestPin) + " to " +
                           std::to_string(staff::kLongestPin) + " digits");
  }
  if (auto enrolled = pins.enroll(id, *role, pin.text, kActor); !enrolled)
    return print_store_error(context, enrolled.error());
  print_json(context, {{"ok", true}, {"id", id}, {"role", staff::to_string(*role)}});
  return ExitCode::Ok;
}

ExitCode list(CtlContext& context, store::StaffPins& pins) {
  auto members = pins.members();
  if (!members) return print_store_error(context, members.error());
  nlohmann::json staff = nlohmann::json::array();
  const auto now = context.clock.now();
  for (const auto& member : *members) {
    const bool locked = member.attempts.locked_at(now);
    staff.push_back(
        {{"id", member.id},
         {"role", staff::to_string(member.role)},
         {"locked", locked},
         {"locked_until",
          locked ? nlohmann::json(consent::format_utc(*member.attempts.locked_until)) : nlohmann::json()},
         {"consecutive_failures", member.attempts.consecutive_failures}});
  }
  print_json(context, {{"ok", true}, {"staff", staff}});
  return ExitCode::Ok;
}

ExitCode remove(CtlContext& context, const CommandLine& line, store::StaffPins& pins) {
  const auto id = line.option("--id");
  if (!id) return print_error(context, ExitCode::BadInput, "usage", "staff remove needs --id ID");
  auto removed = pins.remove(*id, kActor);
  if (!removed) return print_store_error(context, removed.error());
  if (!*removed) return print_error(context, ExitCode::BadInput, "unknown-staff", "no staff member " + *id);
  print_json(context, {{"ok", true}, {"removed", *id}});
  return ExitCode::Ok;
}

}  // namespace

ExitCode run_staff(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {"--config", "--db", "--id", "--role"}, {});
  if (!line) return print_error(context, ExitCode::BadInput, "usage", line.error().message);
  const auto& verbs = line->positionals();
  const std::string verb = verbs.size() == 1 ? verbs[0] : "";
  if (verb != "add" && verb != "list" && verb != "remove")
    return print_error(context, ExitCode::BadInput, "usage", kUsage);
  auto file = database_of(*line);
  if (!file) return print_error(context, ExitCode::BadInput, "usage", file.error());
  std::error_code ignored;
  if (verb != "add" && !std::filesystem::exists(*file, ignored)) {
    return print_store_error(context, {store::StoreErrc::NotFound, file->string()});
  }
  auto db = store::open_service_database(*file);
  if (!db) return print_store_error(context, db.error());
  store::StaffPins pins(*db, context.clock);
  if (verb == "add") return add(context, *line, pins);
  if (verb == "list") return list(context, pins);
  return remove(context, *line, pins);
}

}  // namespace kiosk::ctl
