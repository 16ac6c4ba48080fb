#include "kiosk/store/audit_log.hpp"

#include "hash_chain.hpp"
#include "kiosk/core/consent/consent_record.hpp"

namespace kiosk::store {

std::string_view to_string(AuditAction action) {
  switch (action) {
    case AuditAction::StaffLogin: return "staff-login";
    case AuditAction::StaffLogout: return "staff-logout";
    case AuditAction::FailedPin: return "failed-pin";
    case AuditAction::AssistedSessionStarted: return "assisted-session-started";
    case AuditAction::AssistedSessionEnded: return "assisted-session-ended";
    case AuditAction::ConfigChanged: return "config-changed";
    case AuditAction::ConsentRecorded: return "consent-recorded";
    case AuditAction::LedgerPruned: return "ledger-pruned";
    case AuditAction::StaffLockedOut: return "staff-locked-out";
    case AuditAction::StaffEnrolled: return "staff-enrolled";
    case AuditAction::StaffRemoved: return "staff-removed";
    case AuditAction::ReturnedToService: return "returned-to-service";
  }
  return "unknown";
}

Status<StoreError> AuditLog::append(const AuditEntry& entry, std::chrono::system_clock::time_point at) {
  auto head = chain_head(db_, "audit");
  if (!head) return fail(head.error());
  const std::string time = consent::format_utc(at);
  const std::string_view action = to_string(entry.action);
  const Bytes row_hash =
      chain_hash(head->previous_hash, head->next_seq,
                 {as_bytes(time), as_bytes(entry.actor), as_bytes(action), as_bytes(entry.detail)});
  auto insert = db_.prepare(
      "INSERT INTO audit(seq, at, actor, action, detail, prev_hash, row_hash) VALUES(?,?,?,?,?,?,?)");
  if (!insert) return fail(insert.error());
  insert->bind(1, head->next_seq)
      .bind(2, time)
      .bind(3, entry.actor)
      .bind(4, action)
      .bind(5, entry.detail)
      .bind(6, head->previous_hash)
      .bind(7, row_hash);
  return insert->run();
}

Expected<std::vector<AuditRow>, StoreError> AuditLog::rows() {
  auto select = db_.prepare("SELECT seq, at, actor, action, detail FROM audit ORDER BY seq");
  if (!select) return fail(select.error());
  std::vector<AuditRow> rows;
  for (;;) {
    auto row = select->step();
    if (!row) return fail(row.error());
    if (!*row) return rows;
    rows.push_back({select->column_int(0), select->column_text(1), select->column_text(2),
                    select->column_text(3), select->column_text(4)});
  }
}

}  // namespace kiosk::store
