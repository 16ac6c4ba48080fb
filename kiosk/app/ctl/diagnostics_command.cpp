// kioskctl diagnostics --config FILE --out FILE [--log FILE]: one JSON file a tech sends to
// support. It holds versions, the config without secrets, the self-test, queue figures, recent
// log lines and audit action counts, and nothing that identifies a client: the database is read
// only through counts and the tables that hold no personal data, and no key's bytes leave it.
#include <fcntl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <deque>
#include <fstream>
#include <memory>

#include "ctl_command.hpp"
#include "kiosk/app/config_options.hpp"
#include "kiosk/app/staff_diagnostics.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/sqlite_version.hpp"
#include "kiosk_selftest.hpp"
#include "selftest_report.hpp"
#include "store_access.hpp"

namespace kiosk::ctl {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage = "diagnostics --config FILE --out FILE [--log FILE]";
constexpr std::size_t kLogLines = 200;

nlohmann::json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

nlohmann::json versions() {
  nlohmann::json found = {{"kioskctl", KIOSK_VERSION}, {"sqlite", store::sqlite_library_version()}};
  struct utsname system {};
  if (::uname(&system) == 0) found["kernel"] = std::string(system.sysname) + " " + system.release;
  std::ifstream os("/etc/os-release");
  for (std::string line; std::getline(os, line);) {
    if (!line.starts_with("PRETTY_NAME=")) continue;
    std::string name = line.substr(12);
    std::erase(name, '"');
    found["os"] = name;
  }
  return found;
}

// Where things are and how the kiosk behaves: no token (the config never holds one) and no key.
nlohmann::json config_summary(const KioskConfig& config, const store::StoreOptions& options) {
  return {{"source", config.source},
          {"kiosk_id", config.kiosk_id},
          {"enrolled", config.enrolled()},
          {"head_office_url", text_or_null(config.head_office_url)},
          {"database", options.database.string()},
          {"retention_days", config.retention_days},
          {"sync_interval_seconds", config.sync_interval_seconds},
          {"connect_timeout_ms", config.connect_timeout_ms},
          {"request_timeout_seconds", config.request_timeout_seconds},
          {"lookup_timeout_ms", config.lookup_timeout_ms},
          {"scanner_usb_vendor_id", config.scanner_usb_vendor_id},
          {"scanner_usb_product_id", config.scanner_usb_product_id},
          {"scanner_keyboard_wedge", config.scanner_keyboard_wedge},
          {"camera_device", text_or_null(config.camera_device)},
          {"fullscreen", config.fullscreen}};
}

nlohmann::json figures(store::SqliteDatabase& db, const KioskConfig& config, const Clock& clock) {
  const StaffDiagnostics found = gather_staff_diagnostics(db, config.kiosk_id, nullptr, config.enrolled());
  nlohmann::json queue = {
      {"pending", found.queue_depth},
      {"quarantined", found.quarantined},
      {"oldest_pending_age_s", nullptr},
      {"last_sync", text_or_null(found.last_sync)},
      {"last_error", text_or_null(found.last_error)},
      {"database_check", found.database_check},
      {"disk_free_bytes", found.disk_free_bytes ? nlohmann::json(*found.disk_free_bytes) : nlohmann::json()},
      {"problem", text_or_null(found.problem)}};
  if (found.oldest_pending) {
    queue["oldest_pending_age_s"] =
        std::chrono::duration_cast<std::chrono::seconds>(clock.now() - *found.oldest_pending).count();
  }
  for (const auto& [name, sql] : {std::pair{"ledger_records", "SELECT count(*) FROM ledger"},
                                  std::pair{"outbox_rows", "SELECT count(*) FROM outbox"}}) {
    auto count = db.query_int(sql);
    queue[name] = count ? nlohmann::json(*count) : nlohmann::json();
  }
  return queue;
}

// How often each staff or kiosk action happened; the details (record and staff ids) stay out.
nlohmann::json audit_counts(store::SqliteDatabase& db) {
  nlohmann::json counts = nlohmann::json::object();
  auto statement = db.prepare("SELECT action, count(*) FROM audit GROUP BY action ORDER BY action");
  if (!statement) return {{"error", statement.error().detail}};
  for (;;) {
    auto row = statement->step();
    if (!row) return {{"error", row.error().detail}};
    if (!*row) break;
    counts[statement->column_text(0)] = statement->column_int(1);
  }
  return counts;
}

// The last lines of the kiosk's log: a file when given, else the journal of its unit.
nlohmann::json recent_log(const std::optional<std::string>& file) {
  std::deque<std::string> lines;
  auto keep = [&](std::string line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    lines.push_back(std::move(line));
    if (lines.size() > kLogLines) lines.pop_front();
  };
  if (file) {
    std::ifstream in(*file);
    if (!in) return {{"source", *file}, {"error", "unreadable"}, {"lines", nlohmann::json::array()}};
    for (std::string line; std::getline(in, line);) keep(line);
    return {{"source", *file}, {"lines", lines}};
  }
  const std::string command = "journalctl --no-pager -o short-iso -n " + std::to_string(kLogLines) +
                              " -u consent-kiosk.service 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe)
    return {{"source", "journal"}, {"error", "journalctl did not start"}, {"lines", nlohmann::json::array()}};
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe.get()) != nullptr) keep(buffer);
  return {{"source", "journal"}, {"lines", lines}};
}

// Whole or nothing, readable by the tech only until they hand it over.
bool write_bundle(const fs::path& file, const std::string& text) {
  fs::path partial = file;
  partial += ".partial";
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  const bool written =
      ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  std::error_code ec;
  if (written) fs::rename(partial, file, ec);
  if (!written || ec) fs::remove(partial, ec);
  return written && !ec;
}

}  // namespace

ExitCode run_diagnostics(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {"--config", "--out", "--log"}, {});
  if (!line || !line->option("--config") || !line->option("--out") || !line->positionals().empty()) {
    return print_error(context, ExitCode::BadInput, "usage", line ? kUsage : line.error().message);
  }
  auto config = load_kiosk_config(*line->option("--config"));
  if (!config)
    return print_error(context, ExitCode::BadInput, to_string(config.error().code), config.error().message());
  const store::StoreOptions options = store_options_for(*config, {});
  const auto checks = run_selftest_checks(*config, SelftestLimits{}, context.clock);

  nlohmann::json bundle = {{"bundle", "consent-kiosk diagnostics"},
                           {"format", 1},
                           {"created", consent::format_utc(context.clock.now())},
                           {"versions", versions()},
                           {"config", config_summary(*config, options)},
                           {"selftest", selftest_json(checks)},
                           {"log", recent_log(line->option("--log"))}};
  if (auto db = store::open_database_read_only(options.database)) {
    bundle["queue"] = figures(*db, *config, context.clock);
    bundle["audit_actions"] = audit_counts(*db);
  } else {
    bundle["queue"] = {{"error", db.error().detail}};
    bundle["audit_actions"] = {{"error", db.error().detail}};
  }
  const fs::path out = *line->option("--out");
  if (!write_bundle(out, bundle.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n")) {
    return print_error(context, ExitCode::BadInput, "out-unwritable",
                       out.string() + ": cannot write the bundle");
  }
  print_json(context, {{"ok", true},
                       {"out", out.string()},
                       {"bytes", fs::file_size(out)},
                       {"selftest_ok", all_passed(checks)}});
  return ExitCode::Ok;
}

}  // namespace kiosk::ctl
