#include "kiosk/app/staff_diagnostics.hpp"

#include <filesystem>
#include <system_error>

#include "kiosk/store/outbox.hpp"
#include "kiosk/sync/sync_state.hpp"

namespace kiosk {
namespace {

std::optional<std::filesystem::path> database_file(store::SqliteDatabase& db) {
  auto list = db.prepare("PRAGMA database_list");
  if (!list) return std::nullopt;
  for (;;) {
    auto row = list->step();
    if (!row || !*row) return std::nullopt;
    if (list->column_text(1) == "main") return std::filesystem::path(list->column_text(2));
  }
}

}  // namespace

StaffDiagnostics gather_staff_diagnostics(store::SqliteDatabase& db, const std::string& kiosk_id,
                                          const store::KioskKeys* keys, bool enrolled) {
  StaffDiagnostics report;
  report.kiosk_id = kiosk_id;
  report.enrolled = enrolled;
  if (keys != nullptr) {
    const store::KeyFingerprints prints = store::fingerprints_of(*keys);
    report.signing_key_fingerprint = prints.kiosk_signing;
    report.head_office_fingerprint = prints.head_office_identity;
  }

  if (auto summary = store::Outbox(db).summary()) {
    report.queue_depth = summary->pending;
    report.quarantined = summary->quarantined;
    report.oldest_pending = summary->oldest_pending;
  } else {
    report.problem = "outbox: " + summary.error().detail;
  }
  if (auto state = sync::read_sync_state(db)) {
    report.last_sync = state->last_success;
    report.last_error = state->last_error;
    if (!state->last_attempt.empty()) report.head_office_reachable = state->last_error.empty();
  } else {
    report.problem = "sync state: " + state.error().detail;
  }
  auto check = db.query_text("PRAGMA quick_check");
  report.database_check = check ? *check : "check failed: " + check.error().detail;
  if (auto file = database_file(db)) {
    std::error_code ec;
    const auto space = std::filesystem::space(file->parent_path(), ec);
    if (!ec) report.disk_free_bytes = space.available;
  }
  return report;
}

}  // namespace kiosk
