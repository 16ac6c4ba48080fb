#pragma once
// Pruning ledger history older than the retention period without breaking the chain: the
// oldest rows go as one contiguous prefix, and a checkpoint keeps the hash of the last one
// removed, so the first surviving row still links to something verifiable.
//
// Nothing still waiting for head office is pruned (the prefix stops at the first row whose
// envelope is in the outbox), and no client's current state is lost: a client whose latest
// state lies in the prefix is restated first as a carried-forward row at the head of the chain.

#include <chrono>
#include <cstdint>

#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::store {

struct PruneReport {
  std::int64_t pruned_rows = 0;
  std::int64_t carried_forward = 0;
  std::int64_t last_pruned_seq = 0;  // 0 when nothing was pruned
};

// Runs in its own transaction: all or nothing.
Expected<PruneReport, StoreError> prune_ledger(SqliteDatabase& db, std::chrono::system_clock::time_point now,
                                               std::chrono::days retention);

}  // namespace kiosk::store
