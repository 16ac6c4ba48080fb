#include "kiosk/store/ledger_retention.hpp"

#include <map>

#include "kiosk/store/audit_log.hpp"
#include "kiosk/store/consent_ledger.hpp"

namespace kiosk::store {
namespace {

// The last row of the prunable prefix: older than the cutoff, and every row up to it delivered.
Expected<std::int64_t, StoreError> prunable_prefix_end(SqliteDatabase& db, const std::string& cutoff) {
  auto first_kept = db.prepare(
      "SELECT min(seq) FROM ledger WHERE recorded_at >= ?1 "
      "OR record_id IN (SELECT record_id FROM outbox)");
  if (!first_kept) return fail(first_kept.error());
  first_kept->bind(1, cutoff);
  auto row = first_kept->step();
  if (!row) return fail(row.error());
  if (!first_kept->column_is_null(0)) return first_kept->column_int(0) - 1;
  return db.query_int("SELECT coalesce(max(seq), 0) FROM ledger");
}

// Each client whose latest state-setting row is inside the prefix, with that row.
// Keyed by the fixed-size client key: GCC 12 at -O3 misjudges memcmp over a vector key's length.
Expected<std::map<ClientKey, consent::ConsentRecord>, StoreError> states_to_carry(SqliteDatabase& db,
                                                                                  std::int64_t end) {
  auto select = db.prepare(
      "SELECT client_key, body FROM ledger AS l WHERE seq <= ?1 AND kind != 'access-request' "
      "AND seq = (SELECT max(seq) FROM ledger WHERE client_key = l.client_key AND kind != 'access-request')");
  if (!select) return fail(select.error());
  select->bind(1, end);
  std::map<ClientKey, consent::ConsentRecord> carry;
  for (;;) {
    auto row = select->step();
    if (!row) return fail(row.error());
    if (!*row) return carry;
    auto record = consent::parse_ledger_json(select->column_text(1));
    if (!record) return fail(StoreError{StoreErrc::Corrupt, "ledger body unreadable while pruning"});
    const Bytes blob = select->column_blob(0);
    if (blob.size() != ClientKey{}.size())
      return fail(StoreError{StoreErrc::Corrupt, "ledger client key size"});
    ClientKey key{};
    std::copy(blob.begin(), blob.end(), key.begin());
    carry.emplace(key, std::move(*record));
  }
}

}  // namespace

Expected<PruneReport, StoreError> prune_ledger(SqliteDatabase& db, std::chrono::system_clock::time_point now,
                                               std::chrono::days retention) {
  auto transaction = Transaction::begin(db);
  if (!transaction) return fail(transaction.error());
  auto end = prunable_prefix_end(db, consent::format_utc(now - retention));
  if (!end) return fail(end.error());
  PruneReport report;
  if (*end <= 0) return report;
  auto carry = states_to_carry(db, *end);
  if (!carry) return fail(carry.error());

  ConsentLedger ledger(db);
  for (auto& [client, record] : *carry) {
    record.id = new_record_id();
    record.kind = consent::EventKind::CarriedForward;
    record.recorded_at = now;
    if (auto appended = ledger.append(record, client); !appended) return fail(appended.error());
    ++report.carried_forward;
  }

  auto last = db.prepare("SELECT row_hash FROM ledger WHERE seq = ?");
  if (!last) return fail(last.error());
  last->bind(1, *end);
  auto found = last->step();
  if (!found) return fail(found.error());
  if (!*found) return report;  // already pruned up to here
  const Bytes last_hash = last->column_blob(0);

  auto removed = db.prepare(
      "DELETE FROM outbox_delivered WHERE record_id IN (SELECT record_id FROM ledger WHERE seq <= ?1)");
  if (!removed) return fail(removed.error());
  if (auto done = removed->bind(1, *end).run(); !done) return fail(done.error());
  auto prune = db.prepare("DELETE FROM ledger WHERE seq <= ?1");
  if (!prune) return fail(prune.error());
  if (auto done = prune->bind(1, *end).run(); !done) return fail(done.error());
  report.pruned_rows = db.changes();
  report.last_pruned_seq = *end;

  auto checkpoint = db.prepare(
      "INSERT INTO chain_checkpoint(chain, last_seq, last_hash, pruned_rows, pruned_at) VALUES('ledger', ?1, "
      "?2, ?3, ?4) "
      "ON CONFLICT(chain) DO UPDATE SET last_seq = ?1, last_hash = ?2, pruned_rows = pruned_rows + ?3, "
      "pruned_at = ?4");
  if (!checkpoint) return fail(checkpoint.error());
  checkpoint->bind(1, *end).bind(2, last_hash).bind(3, report.pruned_rows).bind(4, consent::format_utc(now));
  if (auto done = checkpoint->run(); !done) return fail(done.error());

  AuditLog audit(db);
  auto audited =
      audit.append({"kiosk", AuditAction::LedgerPruned,
                    "pruned " + std::to_string(report.pruned_rows) + " rows up to seq " +
                        std::to_string(*end) + ", carried forward " + std::to_string(report.carried_forward)},
                   now);
  if (!audited) return fail(audited.error());
  auto committed = transaction->commit();
  if (!committed) return fail(committed.error());
  return report;
}

}  // namespace kiosk::store
