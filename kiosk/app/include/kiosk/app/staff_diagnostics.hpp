#pragma once
// What a signed-in associate or tech reads about the kiosk: delivery to head office, the
// database's health, the disk, and who the kiosk is. Gathered on the store's worker thread,
// which owns the database connection.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/store/consent_service.hpp"

namespace kiosk {

struct StaffDiagnostics {
  std::string kiosk_id;
  bool enrolled = false;  // has a head office to deliver to
  std::int64_t queue_depth = 0;
  std::int64_t quarantined = 0;
  std::optional<std::chrono::system_clock::time_point> oldest_pending;
  std::string last_sync;   // UTC; empty before the first clean delivery
  std::string last_error;  // empty after a clean delivery
  // Head office answered the last delivery attempt; empty before any attempt.
  std::optional<bool> head_office_reachable;
  std::string database_check;  // "ok", or what SQLite's quick check found
  std::optional<std::uintmax_t> disk_free_bytes;
  std::string signing_key_fingerprint;
  std::string head_office_fingerprint;  // empty in demo mode
  // Set when a part could not be read; the rest is still shown.
  std::string problem;
};

// `keys` is null when the consent store could not open (the kiosk is out of service and only
// its database is readable): the fingerprints are then unknown.
StaffDiagnostics gather_staff_diagnostics(store::SqliteDatabase& db, const std::string& kiosk_id,
                                          const store::KioskKeys* keys, bool enrolled);

}  // namespace kiosk
