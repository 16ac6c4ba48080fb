#include "kiosk/store/outbox_salvage.hpp"

#include <algorithm>
#include <optional>
#include <system_error>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/store/recorded_keys.hpp"

namespace kiosk::store {
namespace {

namespace fs = std::filesystem;

struct SalvagedEnvelope {
  std::string record_id;
  std::string created_at;
  Bytes envelope;
  std::optional<std::int64_t> seq;
  Bytes chain_hash;
};

struct ChainEnd {
  std::int64_t seq = 0;
  Bytes hash;
};

struct SetAsideContent {
  std::vector<SalvagedEnvelope> envelopes;
  std::optional<ChainEnd> chain;
};

// Reads what can be read: a damaged page stops the scan there, and what came before is kept.
// Returns false when the query cannot even start (an older schema, or a damaged catalogue).
bool read_envelopes(SqliteDatabase& old, const char* sql, bool numbered, SetAsideContent& content) {
  // A table scan in rowid order: an index may be what is damaged.
  auto select = old.prepare(sql);
  if (!select) return false;
  for (;;) {
    auto row = select->step();
    if (!row || !*row) return true;
    SalvagedEnvelope item{
        select->column_text(0), select->column_text(1), select->column_blob(2), std::nullopt, {}};
    if (numbered && !select->column_is_null(3)) {
      item.seq = select->column_int(3);
      item.chain_hash = select->column_blob(4);
    }
    if (!item.record_id.empty() && !item.envelope.empty()) content.envelopes.push_back(std::move(item));
  }
}

std::optional<ChainEnd> read_chain_end(SqliteDatabase& old, const std::vector<SalvagedEnvelope>& envelopes) {
  if (auto select = old.prepare("SELECT last_seq, last_hash FROM envelope_chain WHERE id = 1")) {
    auto row = select->step();
    if (row && *row && select->column_blob(1).size() == 32) {
      return ChainEnd{select->column_int(0), select->column_blob(1)};
    }
  }
  // The chain's row is unreadable: the highest numbered envelope still waiting is the next best.
  std::optional<ChainEnd> best;
  for (const auto& item : envelopes) {
    if (item.seq && item.chain_hash.size() == 32 && (!best || *item.seq > best->seq)) {
      best = ChainEnd{*item.seq, item.chain_hash};
    }
  }
  return best;
}

SetAsideContent read_set_aside(const fs::path& file) {
  SetAsideContent content;
  // Read-only: a set-aside file is evidence for a tech, and is never changed.
  auto old = SqliteDatabase::open(file, OpenFlags{false, {}, true, true});
  if (!old) return content;
  if (!old->exec("PRAGMA query_only=1; PRAGMA temp_store=MEMORY;")) return content;
  if (!read_envelopes(*old, "SELECT record_id, created_at, envelope, seq, chain_hash FROM outbox", true,
                      content)) {
    read_envelopes(*old, "SELECT record_id, created_at, envelope FROM outbox", false, content);
  }
  content.chain = read_chain_end(*old, content.envelopes);
  return content;
}

Expected<bool, StoreError> holds_records(SqliteDatabase& db) {
  auto count = db.query_int(
      "SELECT (SELECT count(*) FROM ledger) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM "
      "envelope_chain)");
  if (!count) return fail(count.error());
  return *count > 0;
}

Status<StoreError> take_envelope(SqliteDatabase& db, const SalvagedEnvelope& item, const std::string& from) {
  auto insert = db.prepare(
      "INSERT OR IGNORE INTO outbox(record_id, created_at, envelope, seq, chain_hash, salvaged_from) "
      "VALUES(?,?,?,?,?,?)");
  if (!insert) return fail(insert.error());
  insert->bind(1, item.record_id).bind(2, item.created_at).bind(3, item.envelope).bind(6, from);
  if (item.seq) {
    insert->bind(4, *item.seq).bind(5, item.chain_hash);
  } else {
    insert->bind_null(4).bind_null(5);
  }
  return insert->run();
}

}  // namespace

std::vector<fs::path> set_aside_databases(const fs::path& database) {
  std::vector<fs::path> found;
  const fs::path folder = database.parent_path().empty() ? fs::path(".") : database.parent_path();
  const std::string prefix = database.filename().string() + ".corrupt-";
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(prefix)) continue;
    if (name.ends_with("-wal") || name.ends_with("-shm") || name.ends_with("-journal")) continue;
    found.push_back(it->path());
  }
  // The name carries the UTC time it was set aside: name order is time order.
  std::sort(found.begin(), found.end());
  return found;
}

Expected<SalvageReport, StoreError> salvage_set_aside_outboxes(SqliteDatabase& fresh,
                                                               const fs::path& database, const Clock& clock) {
  SalvageReport report;
  auto transaction = Transaction::begin(fresh);
  if (!transaction) return fail(transaction.error());
  auto created = read_meta(fresh, "created_at");
  if (!created) return fail(created.error());
  if (*created) return report;
  auto busy = holds_records(fresh);
  if (!busy) return fail(busy.error());
  // A database that holds records is older than this step: it never salvages.
  if (!*busy) {
    std::optional<ChainEnd> chain;
    std::string chain_from;
    for (const fs::path& file : set_aside_databases(database)) {
      ++report.files;
      SetAsideContent content = read_set_aside(file);
      const std::string from = file.filename().string();
      for (const auto& item : content.envelopes) {
        if (auto taken = take_envelope(fresh, item, from); !taken) return fail(taken.error());
        report.envelopes += fresh.changes();
      }
      if (content.chain && (!chain || content.chain->seq > chain->seq)) {
        chain = content.chain;
        chain_from = from;
      }
    }
    if (chain) {
      auto head = fresh.prepare("INSERT INTO envelope_chain(id, last_seq, last_hash) VALUES(1, ?, ?)");
      if (!head) return fail(head.error());
      if (auto set = head->bind(1, chain->seq).bind(2, chain->hash).run(); !set) return fail(set.error());
      report.last_seq = chain->seq;
    }
    if (report.files > 0) {
      const std::string note = chain
                                   ? "continued after seq " + std::to_string(chain->seq) + " of " + chain_from
                                   : "restarted at seq 1: no readable chain in the set-aside files";
      if (auto noted = write_meta(fresh, "envelope_chain_restart",
                                  consent::format_utc(clock.now()) + " " + note + "; " +
                                      std::to_string(report.envelopes) + " envelopes salvaged");
          !noted)
        return fail(noted.error());
    }
  }
  if (auto noted = write_meta(fresh, "created_at", consent::format_utc(clock.now())); !noted)
    return fail(noted.error());
  if (auto committed = transaction->commit(); !committed) return fail(committed.error());
  return report;
}

}  // namespace kiosk::store
