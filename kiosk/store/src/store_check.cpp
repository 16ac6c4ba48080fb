#include "kiosk/store/store_check.hpp"

#include "hash_chain.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/seal/envelope.hpp"
#include "kiosk/store/kiosk_database.hpp"

namespace kiosk::store {
namespace {

constexpr std::size_t kMaxProblems = 20;

void note(std::vector<std::string>& problems, std::string problem) {
  if (problems.size() < kMaxProblems) problems.push_back(std::move(problem));
}

// Walks a chain in order: consecutive sequence numbers from the checkpoint, each row linked to
// the previous hash, each hash recomputed from the row's content.
template <class Rehash, class Inspect>
Expected<ChainReport, StoreError> walk_chain(SqliteDatabase& db, std::string_view chain,
                                             const std::string& sql, Rehash rehash, Inspect inspect) {
  ChainReport report;
  auto start = chain_start(db, chain);
  if (!start) return fail(start.error());
  auto select = db.prepare(sql);
  if (!select) return fail(select.error());
  std::int64_t expected_seq = start->next_seq;
  Bytes previous = start->previous_hash;
  for (;;) {
    auto row = select->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    const std::int64_t seq = select->column_int(0);
    if (report.rows == 0) report.first_seq = seq;
    ++report.rows;
    const std::string where = std::string(chain) + " row " + std::to_string(seq);
    if (seq != expected_seq) {
      note(report.problems, where + ": expected seq " + std::to_string(expected_seq) + " (rows missing)");
    }
    if (select->column_blob(1) != previous)
      note(report.problems, where + ": does not link to the previous row");
    const Bytes stored = select->column_blob(2);
    if (rehash(*select, seq, select->column_blob(1)) != stored) {
      note(report.problems, where + ": content does not match its hash (edited)");
    }
    inspect(*select, where, report.problems);
    previous = stored;
    expected_seq = seq + 1;
  }
  return report;
}

Expected<ChainReport, StoreError> check_ledger_chain(SqliteDatabase& db) {
  return walk_chain(
      db, "ledger",
      "SELECT seq, prev_hash, row_hash, client_key, body, record_id, recorded_at, kind, policy_version "
      "FROM ledger ORDER BY seq",
      [](Statement& row, std::int64_t seq, const Bytes& prev) {
        return chain_hash(prev, seq, {row.column_blob(3), as_bytes(row.column_text(4))});
      },
      [](Statement& row, const std::string& where, std::vector<std::string>& problems) {
        auto record = consent::parse_ledger_json(row.column_text(4));
        if (!record) {
          note(problems, where + ": body unreadable");
          return;
        }
        // The indexed columns must say what the hashed body says.
        if (record->id != row.column_text(5) ||
            consent::format_utc(record->recorded_at) != row.column_text(6) ||
            consent::to_string(record->kind) != row.column_text(7) ||
            record->policy_version != row.column_text(8)) {
          note(problems, where + ": columns disagree with the hashed body");
        }
      });
}

Expected<ChainReport, StoreError> check_audit_chain(SqliteDatabase& db) {
  return walk_chain(
      db, "audit", "SELECT seq, prev_hash, row_hash, at, actor, action, detail FROM audit ORDER BY seq",
      [](Statement& row, std::int64_t seq, const Bytes& prev) {
        return chain_hash(prev, seq,
                          {as_bytes(row.column_text(3)), as_bytes(row.column_text(4)),
                           as_bytes(row.column_text(5)), as_bytes(row.column_text(6))});
      },
      [](Statement&, const std::string&, std::vector<std::string>&) {});
}

Status<StoreError> list_problems(SqliteDatabase& db, const std::string& sql, const std::string& prefix,
                                 std::vector<std::string>& problems) {
  auto select = db.prepare(sql);
  if (!select) return fail(select.error());
  for (;;) {
    auto row = select->step();
    if (!row) return fail(row.error());
    if (!*row) return Ok{};
    note(problems, prefix + select->column_text(0));
  }
}

Status<StoreError> check_outbox(SqliteDatabase& db, StoreCheckReport& report) {
  auto pending = db.query_int("SELECT count(*) FROM outbox");
  if (!pending) return fail(pending.error());
  report.outbox_pending = *pending;
  auto delivered = db.query_int("SELECT count(*) FROM outbox_delivered");
  if (!delivered) return fail(delivered.error());
  report.outbox_delivered = *delivered;
  struct Rule {
    std::string sql;
    const char* prefix;
  };
  // Carried-forward rows restate what head office already has: they are never sent.
  const Rule rules[] = {
      {"SELECT record_id FROM outbox WHERE salvaged_from IS NULL AND record_id NOT IN (SELECT record_id FROM "
       "ledger)",
       "outbox envelope without a ledger record: "},
      {"SELECT record_id FROM ledger WHERE kind != 'carried-forward' AND record_id NOT IN "
       "(SELECT record_id FROM outbox UNION ALL SELECT record_id FROM outbox_delivered "
       "UNION ALL SELECT record_id FROM outbox_quarantine)",
       "ledger record neither waiting in the outbox, delivered nor quarantined: "},
      {"SELECT record_id FROM outbox WHERE record_id IN (SELECT record_id FROM outbox_delivered)",
       "record both waiting and delivered: "},
      {"SELECT record_id FROM outbox WHERE length(envelope) <= " +
           std::to_string(seal::kMinimumEnvelopeBytes),
       "envelope too short to be sealed: "},
      {"SELECT record_id FROM outbox WHERE seq > (SELECT coalesce(max(last_seq), 0) FROM envelope_chain)",
       "envelope numbered past the chain's head: "},
  };
  for (const auto& rule : rules) {
    if (auto listed = list_problems(db, rule.sql, rule.prefix, report.outbox_problems); !listed)
      return listed;
  }
  return Ok{};
}

}  // namespace

Expected<StoreCheckReport, StoreError> check_store(SqliteDatabase& db) {
  StoreCheckReport report;
  auto integrity = db.prepare("PRAGMA integrity_check(10)");
  if (!integrity) return fail(integrity.error());
  std::string lines;
  for (;;) {
    auto row = integrity->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    lines += (lines.empty() ? "" : "; ") + integrity->column_text(0);
  }
  report.integrity = lines;
  auto version = db.query_int("PRAGMA user_version");
  if (!version) return fail(version.error());
  report.schema_version = static_cast<int>(*version);
  if (report.schema_version != latest_schema_version()) {
    report.ledger.problems.push_back("schema version " + std::to_string(*version) + ", expected " +
                                     std::to_string(latest_schema_version()));
    return report;
  }
  auto ledger = check_ledger_chain(db);
  if (!ledger) return fail(ledger.error());
  report.ledger = std::move(*ledger);
  auto audit = check_audit_chain(db);
  if (!audit) return fail(audit.error());
  report.audit = std::move(*audit);
  if (auto outbox = check_outbox(db, report); !outbox) return fail(outbox.error());
  return report;
}

}  // namespace kiosk::store
