#pragma once
// What `kioskctl verify` checks: SQLite's integrity, both hash chains, and that the outbox and
// the ledger agree (every record sent or waiting, no envelope without its record).

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::store {

struct ChainReport {
  std::int64_t rows = 0;
  std::int64_t first_seq = 0;
  std::vector<std::string> problems;
};

struct StoreCheckReport {
  std::string integrity;  // "ok", or SQLite's first complaints
  ChainReport ledger;
  ChainReport audit;
  std::int64_t outbox_pending = 0;
  std::int64_t outbox_delivered = 0;
  std::vector<std::string> outbox_problems;
  int schema_version = 0;

  bool ok() const {
    return integrity == "ok" && ledger.problems.empty() && audit.problems.empty() && outbox_problems.empty();
  }
};

Expected<StoreCheckReport, StoreError> check_store(SqliteDatabase& db);

}  // namespace kiosk::store
