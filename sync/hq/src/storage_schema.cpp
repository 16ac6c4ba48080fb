#include "storage_schema.hpp"

namespace kiosk::hq::schema {
namespace {

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

std::vector<std::string> create_statements(Dialect dialect) {
  const bool sqlite = dialect == Dialect::Sqlite;
  const std::string blob = sqlite ? "BLOB" : "BYTEA";
  // Arrival order, for the out-of-order report. SQLite's rowid; PostgreSQL's identity column.
  const std::string arrival =
      sqlite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
  std::vector<std::string> statements = {
      "CREATE TABLE hq_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
      "CREATE TABLE kiosks(kiosk_id TEXT PRIMARY KEY, first_enrolled_at TEXT NOT NULL)",
      // Every key a kiosk ever enrolled stays: records signed before a re-enrollment still arrive.
      "CREATE TABLE kiosk_keys(kiosk_id TEXT NOT NULL REFERENCES kiosks(kiosk_id), public_key TEXT NOT NULL,"
      " enrolled_at TEXT NOT NULL, token_id TEXT NOT NULL, PRIMARY KEY (kiosk_id, public_key))",
      "CREATE TABLE enrollment_tokens(token_id TEXT PRIMARY KEY, secret " + blob +
          " NOT NULL, kiosk_id TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at "
          "TEXT)",
      "CREATE TABLE records(arrival " + arrival +
          ", kiosk_id TEXT NOT NULL, record_id TEXT NOT NULL, seq BIGINT NOT NULL,"
          " prev_hash TEXT NOT NULL, chain_hash TEXT NOT NULL, box_key_id TEXT NOT NULL, received_at TEXT "
          "NOT NULL,"
          " recorded_at TEXT NOT NULL, kind TEXT NOT NULL, client_key TEXT NOT NULL, policy_version TEXT NOT "
          "NULL,"
          " ledger_json TEXT NOT NULL, payload_json TEXT NOT NULL, envelope " +
          blob + " NOT NULL, UNIQUE (kiosk_id, record_id))",
      "CREATE INDEX records_by_client ON records(client_key, recorded_at)",
      "CREATE INDEX records_by_kiosk_seq ON records(kiosk_id, seq)",
      "CREATE TABLE access_requests(kiosk_id TEXT NOT NULL, record_id TEXT NOT NULL, requested_at TEXT NOT "
      "NULL,"
      " due_at TEXT NOT NULL, by_agent INTEGER NOT NULL, status TEXT NOT NULL, PRIMARY KEY (kiosk_id, "
      "record_id),"
      " FOREIGN KEY (kiosk_id, record_id) REFERENCES records(kiosk_id, record_id))",
      "CREATE TABLE forks(kiosk_id TEXT NOT NULL, seq BIGINT NOT NULL, record_id TEXT NOT NULL,"
      " other_record_id TEXT NOT NULL, detected_at TEXT NOT NULL, PRIMARY KEY (kiosk_id, seq, record_id))",
      "INSERT INTO hq_meta(key, value) VALUES ('schema_version', '" + std::to_string(kVersion) + "')",
  };
  return statements;
}

std::string in_dialect(std::string_view sql, Dialect dialect) {
  if (dialect == Dialect::Postgres) return std::string(sql);
  return replace_all(std::string(sql), "$", "?");
}

}  // namespace kiosk::hq::schema
