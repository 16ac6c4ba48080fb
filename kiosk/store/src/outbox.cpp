#include "kiosk/store/outbox.hpp"

#include "kiosk/core/consent/consent_record.hpp"

namespace kiosk::store {

Status<StoreError> Outbox::add(const std::string& record_id, const Bytes& envelope,
                               std::chrono::system_clock::time_point at) {
  auto insert = db_.prepare("INSERT INTO outbox(record_id, created_at, envelope) VALUES(?,?,?)");
  if (!insert) return fail(insert.error());
  insert->bind(1, record_id).bind(2, consent::format_utc(at)).bind(3, envelope);
  return insert->run();
}

Expected<std::vector<OutboxItem>, StoreError> Outbox::pending(std::int64_t limit) {
  auto select =
      db_.prepare("SELECT record_id, envelope, attempts FROM outbox ORDER BY created_at, record_id LIMIT ?");
  if (!select) return fail(select.error());
  select->bind(1, limit);
  std::vector<OutboxItem> items;
  for (;;) {
    auto row = select->step();
    if (!row) return fail(row.error());
    if (!*row) return items;
    items.push_back({select->column_text(0), select->column_blob(1), select->column_int(2)});
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
