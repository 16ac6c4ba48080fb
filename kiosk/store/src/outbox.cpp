#include "kiosk/store/outbox.hpp"

#include "kiosk/core/consent/consent_record.hpp"

namespace kiosk::store {

Expected<EnvelopeChainHead, StoreError> Outbox::chain_head() {
  auto select = db_.prepare("SELECT last_seq, last_hash FROM envelope_chain WHERE id = 1");
  if (!select) return fail(select.error());
  auto row = select->step();
  if (!row) return fail(row.error());
  EnvelopeChainHead head;
  if (*row) {
    head.last_seq = select->column_int(0);
    head.last_hash = select->column_blob(1);
  }
  return head;
}

Status<StoreError> Outbox::add(const std::string& record_id, const Bytes& envelope, std::int64_t seq,
                               std::span<const unsigned char> chain_hash,
                               std::chrono::system_clock::time_point at) {
  auto insert =
      db_.prepare("INSERT INTO outbox(record_id, created_at, envelope, seq, chain_hash) VALUES(?,?,?,?,?)");
  if (!insert) return fail(insert.error());
  insert->bind(1, record_id)
      .bind(2, consent::format_utc(at))
      .bind(3, envelope)
      .bind(4, seq)
      .bind(5, chain_hash);
  if (auto inserted = insert->run(); !inserted) return inserted;
  auto advance = db_.prepare(
      "INSERT INTO envelope_chain(id, last_seq, last_hash) VALUES(1, ?1, ?2) "
      "ON CONFLICT(id) DO UPDATE SET last_seq = ?1, last_hash = ?2");
  if (!advance) return fail(advance.error());
  advance->bind(1, seq).bind(2, chain_hash);
  return advance->run();
}

Expected<std::vector<OutboxItem>, StoreError> Outbox::pending(std::int64_t limit) {
  // In number order: head office then receives a kiosk's records in the order they were made.
  auto select = db_.prepare(
      "SELECT record_id, envelope, attempts, coalesce(seq, 0) FROM outbox "
      "ORDER BY coalesce(seq, 0), created_at, record_id LIMIT ?");
  if (!select) return fail(select.error());
  select->bind(1, limit);
  std::vector<OutboxItem> items;
  for (;;) {
    auto row = select->step();
    if (!row) return fail(row.error());
    if (!*row) return items;
    items.push_back(
        {select->column_text(0), select->column_blob(1), select->column_int(2), select->column_int(3)});
  }
}

Expected<std::int64_t, StoreError> Outbox::pending_count() {
  return db_.query_int("SELECT count(*) FROM outbox");
}

namespace {

// A transaction of its own, unless the caller already holds one.
Expected<std::optional<Transaction>, StoreError> own_transaction(SqliteDatabase& db) {
  if (db.in_transaction()) return std::optional<Transaction>{};
  auto begun = Transaction::begin(db);
  if (!begun) return fail(begun.error());
  return std::optional<Transaction>{std::move(*begun)};
}

Status<StoreError> commit_own(std::optional<Transaction>& transaction) {
  return transaction ? transaction->commit() : Status<StoreError>(Ok{});
}

}  // namespace

Expected<OutboxSummary, StoreError> Outbox::summary() {
  OutboxSummary out;
  auto select = db_.prepare(
      "SELECT (SELECT count(*) FROM outbox), (SELECT min(created_at) FROM outbox), "
      "(SELECT count(*) FROM outbox_quarantine), (SELECT count(*) FROM outbox_delivered)");
  if (!select) return fail(select.error());
  auto row = select->step();
  if (!row) return fail(row.error());
  out.pending = select->column_int(0);
  if (!select->column_is_null(1)) out.oldest_pending = consent::parse_utc(select->column_text(1));
  out.quarantined = select->column_int(2);
  out.delivered = select->column_int(3);
  return out;
}

Status<StoreError> Outbox::note_attempt(std::span<const std::string> record_ids) {
  auto transaction = own_transaction(db_);
  if (!transaction) return fail(transaction.error());
  auto update = db_.prepare("UPDATE outbox SET attempts = attempts + 1 WHERE record_id = ?");
  if (!update) return fail(update.error());
  for (const auto& id : record_ids) {
    if (auto done = update->bind(1, id).run(); !done) return done;
  }
  return commit_own(*transaction);
}

Status<StoreError> Outbox::quarantine(const std::string& record_id, std::string_view code,
                                      std::string_view detail, std::chrono::system_clock::time_point at) {
  auto transaction = own_transaction(db_);
  if (!transaction) return fail(transaction.error());
  auto move = db_.prepare(
      "INSERT OR REPLACE INTO outbox_quarantine(record_id, created_at, envelope, seq, code, detail, "
      "quarantined_at) "
      "SELECT record_id, created_at, envelope, seq, ?2, ?3, ?4 FROM outbox WHERE record_id = ?1");
  if (!move) return fail(move.error());
  move->bind(1, record_id).bind(2, code).bind(3, detail).bind(4, consent::format_utc(at));
  if (auto moved = move->run(); !moved) return moved;
  if (db_.changes() == 0) return commit_own(*transaction);  // not waiting (any more): nothing to move
  auto remove = db_.prepare("DELETE FROM outbox WHERE record_id = ?");
  if (!remove) return fail(remove.error());
  if (auto removed = remove->bind(1, record_id).run(); !removed) return removed;
  return commit_own(*transaction);
}

Status<StoreError> Outbox::acknowledge(const std::string& record_id,
                                       std::chrono::system_clock::time_point at) {
  return acknowledge(std::span<const std::string>(&record_id, 1), at);
}

Status<StoreError> Outbox::acknowledge(std::span<const std::string> record_ids,
                                       std::chrono::system_clock::time_point at) {
  auto transaction = own_transaction(db_);
  if (!transaction) return fail(transaction.error());
  // Prepared once for the whole answer: a backlog's batch is hundreds of records.
  auto remove = db_.prepare("DELETE FROM outbox WHERE record_id = ?");
  if (!remove) return fail(remove.error());
  auto note = db_.prepare("INSERT OR IGNORE INTO outbox_delivered(record_id, delivered_at) VALUES(?,?)");
  if (!note) return fail(note.error());
  const std::string when = consent::format_utc(at);
  for (const std::string& record_id : record_ids) {
    if (auto removed = remove->bind(1, record_id).run(); !removed) return removed;
    if (db_.changes() == 0) continue;  // already acknowledged: acks may repeat
    if (auto noted = note->bind(1, record_id).bind(2, when).run(); !noted) return noted;
  }
  return commit_own(*transaction);
}

}  // namespace kiosk::store
