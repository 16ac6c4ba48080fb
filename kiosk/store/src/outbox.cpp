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

Status<StoreError> Outbox::acknowledge(const std::string& record_id,
                                       std::chrono::system_clock::time_point at) {
  auto transaction = Transaction::begin(db_);
  if (!transaction) return fail(transaction.error());
  auto remove = db_.prepare("DELETE FROM outbox WHERE record_id = ?");
  if (!remove) return fail(remove.error());
  remove->bind(1, record_id);
  if (auto removed = remove->run(); !removed) return removed;
  if (db_.changes() == 0) return Ok{};  // already acknowledged: acks may repeat
  auto note = db_.prepare("INSERT OR IGNORE INTO outbox_delivered(record_id, delivered_at) VALUES(?,?)");
  if (!note) return fail(note.error());
  note->bind(1, record_id).bind(2, consent::format_utc(at));
  if (auto noted = note->run(); !noted) return noted;
  return transaction->commit();
}

}  // namespace kiosk::store
