#pragma once
// How delivery to head office stands, kept in the database's meta table so that `kioskctl
// status` (another process, reading only) and a tech's screen see what the sync worker saw.

#include <chrono>
#include <cstdint>
#include <string>

#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::sync {

struct DrainReport;

struct SyncState {
  std::string last_attempt;  // UTC, empty before the first attempt
  std::string last_success;  // the last drain that left nothing it could send
  std::string last_error;    // empty after a clean drain
  std::int64_t sent_total = 0;
  std::int64_t acked_total = 0;
  std::int64_t quarantined_total = 0;
};

Expected<SyncState, store::StoreError> read_sync_state(store::SqliteDatabase& db);
// One small transaction after each drain.
Status<store::StoreError> record_drain(store::SqliteDatabase& db, const DrainReport& report,
                                       std::chrono::system_clock::time_point at);

}  // namespace kiosk::sync
