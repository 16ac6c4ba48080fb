#pragma once
// When a damaged database was set aside (kiosk_database.hpp), the fresh one that replaces it
// must not lose what was still waiting for head office, nor start its envelope chain from zero
// (head office would take that for a replay). At its first open it reads every set-aside file
// beside it, read-only and best effort, takes the unsent envelopes into its own outbox (by record
// id, keeping their numbers), and continues the chain from the old one's last number and hash.

#include <cstdint>
#include <filesystem>

#include "kiosk/core/clock.hpp"
#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::store {

struct SalvageReport {
  int files = 0;               // set-aside databases found beside this one
  std::int64_t envelopes = 0;  // unsent envelopes taken into the new outbox
  std::int64_t last_seq = 0;   // where the new chain continues from (0: nothing readable)
};

// Does nothing after a database's first open, or for a database that already holds records.
Expected<SalvageReport, StoreError> salvage_set_aside_outboxes(SqliteDatabase& fresh,
                                                               const std::filesystem::path& database,
                                                               const Clock& clock);

// The set-aside copies of `database` (NAME.corrupt-<time>), oldest first.
std::vector<std::filesystem::path> set_aside_databases(const std::filesystem::path& database);

}  // namespace kiosk::store
