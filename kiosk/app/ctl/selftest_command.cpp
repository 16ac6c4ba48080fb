#include <nlohmann/json.hpp>

#include <filesystem>
#include <system_error>

#include "ctl_command.hpp"
#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/store/sqlite_version.hpp"

namespace kiosk::ctl {

// Checks what the kiosk needs before it can serve anyone; each check says what a tech should do.
ExitCode run_selftest(CtlContext& context, const std::vector<std::string>& args) {
  if (!args.empty()) return print_error(context, ExitCode::BadInput, "usage", "selftest takes no arguments");
  nlohmann::json checks = nlohmann::json::array();
  bool all_ok = true;
  auto check = [&](std::string name, bool ok, std::string detail) {
    all_ok = all_ok && ok;
    checks.push_back({{"name", std::move(name)}, {"ok", ok}, {"detail", std::move(detail)}});
  };

  auto config = parse_kiosk_config(embedded_demo_config(), "embedded demo config");
  check("embedded-config", config.has_value(), config ? "parses" : config.error().message());
  std::error_code ec;
  const bool font = std::filesystem::is_regular_file(KIOSK_DEFAULT_FONT, ec);
  check("font", font, font ? KIOSK_DEFAULT_FONT : std::string("missing: install fonts-dejavu-core"));
  check("sqlite", !store::sqlite_library_version().empty(), std::string(store::sqlite_library_version()));

  print_json(context, {{"ok", all_ok}, {"checks", checks}});
  return all_ok ? ExitCode::Ok : ExitCode::BadInput;
}

}  // namespace kiosk::ctl
