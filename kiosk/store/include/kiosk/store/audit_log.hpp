#pragma once
// Staff actions, hash-chained like the ledger. Details name staff ids and record ids, never a
// client.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::store {

enum class AuditAction {
  StaffLogin,
  StaffLogout,
  FailedPin,
  AssistedSessionStarted,
  AssistedSessionEnded,
  ConfigChanged,
  ConsentRecorded,
  LedgerPruned,
  StaffLockedOut,
  StaffEnrolled,
  StaffRemoved,
  ReturnedToService,
};

std::string_view to_string(AuditAction action);

struct AuditEntry {
  std::string actor;  // a staff id, or "client" / "kiosk" for the kiosk's own actions
  AuditAction action = AuditAction::ConsentRecorded;
  std::string detail;
};

struct AuditRow {
  std::int64_t seq = 0;
  std::string at;
  std::string actor;
  std::string action;
  std::string detail;
};

class AuditLog {
 public:
  explicit AuditLog(SqliteDatabase& db) : db_(db) {}
  // Call inside the caller's transaction.
  Status<StoreError> append(const AuditEntry& entry, std::chrono::system_clock::time_point at);
  Expected<std::vector<AuditRow>, StoreError> rows();

 private:
  SqliteDatabase& db_;
};

}  // namespace kiosk::store
