#include "kiosk/store/consent_ledger.hpp"

#include <sodium.h>

#include "hash_chain.hpp"

namespace kiosk::store {

std::string new_record_id() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[2 * sizeof bytes + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

Status<StoreError> ConsentLedger::append(const consent::ConsentRecord& record, const ClientKey& client) {
  auto head = chain_head(db_, "ledger");
  if (!head) return fail(head.error());
  const std::string body = consent::to_ledger_json(record);
  const Bytes row_hash = chain_hash(head->previous_hash, head->next_seq, {client, as_bytes(body)});
  auto insert = db_.prepare(
      "INSERT INTO ledger(seq, record_id, recorded_at, client_key, kind, policy_version, body, prev_hash, "
      "row_hash) "
      "VALUES(?,?,?,?,?,?,?,?,?)");
  if (!insert) return fail(insert.error());
  insert->bind(1, head->next_seq)
      .bind(2, record.id)
      .bind(3, consent::format_utc(record.recorded_at))
      .bind(4, client)
      .bind(5, consent::to_string(record.kind))
      .bind(6, record.policy_version)
      .bind(7, body)
      .bind(8, head->previous_hash)
      .bind(9, row_hash);
  return insert->run();
}

Expected<std::vector<consent::ConsentRecord>, StoreError> ConsentLedger::history(const ClientKey& client) {
  auto select = db_.prepare("SELECT body FROM ledger WHERE client_key = ? ORDER BY seq");
  if (!select) return fail(select.error());
  select->bind(1, client);
  std::vector<consent::ConsentRecord> records;
  for (;;) {
    auto row = select->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    auto record = consent::parse_ledger_json(select->column_text(0));
    if (!record)
      return fail(StoreError{StoreErrc::Corrupt, "ledger body unreadable: " + record.error().detail});
    records.push_back(std::move(*record));
  }
  return records;
}

Status<StoreError> ConsentLedger::for_each(const std::function<void(const LedgerEntry&)>& visit) {
  auto select = db_.prepare("SELECT seq, body FROM ledger ORDER BY seq");
  if (!select) return fail(select.error());
  for (;;) {
    auto row = select->step();
    if (!row) return fail(row.error());
    if (!*row) return Ok{};
    auto record = consent::parse_ledger_json(select->column_text(1));
    if (!record) {
      return fail(StoreError{StoreErrc::Corrupt,
                             "ledger row " + std::to_string(select->column_int(0)) + " unreadable"});
    }
    visit(LedgerEntry{select->column_int(0), std::move(*record)});
  }
}

Expected<std::int64_t, StoreError> ConsentLedger::count() {
  return db_.query_int("SELECT count(*) FROM ledger");
}

}  // namespace kiosk::store
