#pragma once
// The ledger: one pseudonymous, hash-chained row per consent record. The client appears only as
// their client key; the row's body is the record's ledger JSON (choices, no identity).

#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/store/client_key.hpp"
#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::store {

struct LedgerEntry {
  std::int64_t seq = 0;
  consent::ConsentRecord record;
};

class ConsentLedger {
 public:
  explicit ConsentLedger(SqliteDatabase& db) : db_(db) {}

  // Call inside the caller's transaction: the link to the previous row is read under its lock.
  Status<StoreError> append(const consent::ConsentRecord& record, const ClientKey& client);
  // One client's records, oldest first.
  Expected<std::vector<consent::ConsentRecord>, StoreError> history(const ClientKey& client);
  // Every record in chain order; stops at the first unreadable row.
  Status<StoreError> for_each(const std::function<void(const LedgerEntry&)>& visit);
  Expected<std::int64_t, StoreError> count();

 private:
  SqliteDatabase& db_;
};

// Random 128-bit id, hex: unique without coordination between kiosks.
std::string new_record_id();

}  // namespace kiosk::store
