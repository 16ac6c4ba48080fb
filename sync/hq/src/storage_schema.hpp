#pragma once
// Head office's schema, written once for both backends: the few words that differ between SQLite
// and PostgreSQL are filled in per dialect. Statements use $1, $2... (SQLite reads them as ?1, ?2).

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::hq::schema {

enum class Dialect { Sqlite, Postgres };

inline constexpr int kVersion = 1;

// Each CREATE statement in order.
std::vector<std::string> create_statements(Dialect dialect);

// $N -> ?N for SQLite; unchanged for PostgreSQL.
std::string in_dialect(std::string_view sql, Dialect dialect);

inline constexpr std::string_view kInsertRecord =
    "INSERT INTO records(kiosk_id, record_id, seq, prev_hash, chain_hash, box_key_id, received_at, "
    "recorded_at,"
    " kind, client_key, policy_version, ledger_json, payload_json, envelope)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    " ON CONFLICT (kiosk_id, record_id) DO NOTHING";
// SQLite notes an upload's forks in one statement at its end: each record stored since arrival $2
// whose number an earlier-arriving record of the kiosk already holds, against the earliest one.
// The unary + keeps the planner on the arrival range (this upload's rows) rather than the kiosk's
// index, which would visit every record the kiosk ever sent.
inline constexpr std::string_view kInsertForksSince =
    "INSERT INTO forks(kiosk_id, seq, record_id, other_record_id, detected_at)"
    " SELECT a.kiosk_id, a.seq, a.record_id, (SELECT b.record_id FROM records b WHERE b.kiosk_id = a.kiosk_id"
    " AND b.seq = a.seq AND b.arrival < a.arrival AND b.record_id <> a.record_id ORDER BY b.arrival LIMIT "
    "1), $3"
    " FROM records a WHERE +a.kiosk_id = $1 AND a.arrival > $2 AND EXISTS (SELECT 1 FROM records b"
    " WHERE b.kiosk_id = a.kiosk_id AND b.seq = a.seq AND b.arrival < a.arrival AND b.record_id <> "
    "a.record_id)"
    " ON CONFLICT DO NOTHING";
inline constexpr std::string_view kInsertAccessRequest =
    "INSERT INTO access_requests(kiosk_id, record_id, requested_at, due_at, by_agent, status)"
    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING";

inline constexpr std::string_view kInsertToken =
    "INSERT INTO enrollment_tokens(token_id, secret, kiosk_id, created_at, expires_at) VALUES ($1, $2, $3, "
    "$4, $5)";
inline constexpr std::string_view kFindToken =
    "SELECT token_id, secret, kiosk_id, created_at, expires_at, used_at FROM enrollment_tokens WHERE "
    "token_id = $1";
// Consumed once: the row lock makes a second server wait, then find it used.
inline constexpr std::string_view kConsumeToken =
    "UPDATE enrollment_tokens SET used_at = $2 WHERE token_id = $1 AND kiosk_id = $3 AND used_at IS NULL"
    " AND expires_at > $2";
inline constexpr std::string_view kInsertKiosk =
    "INSERT INTO kiosks(kiosk_id, first_enrolled_at) VALUES ($1, $2) ON CONFLICT DO NOTHING";
inline constexpr std::string_view kInsertKioskKey =
    "INSERT INTO kiosk_keys(kiosk_id, public_key, enrolled_at, token_id) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT DO NOTHING";
inline constexpr std::string_view kKioskKeys =
    "SELECT public_key FROM kiosk_keys WHERE kiosk_id = $1 ORDER BY enrolled_at, public_key";
inline constexpr std::string_view kEnrolledKiosks = "SELECT COUNT(*) FROM kiosks";

inline constexpr std::string_view kClientRecords =
    "SELECT kiosk_id, record_id, recorded_at, received_at, ledger_json FROM records WHERE client_key = $1"
    " ORDER BY recorded_at, arrival";
inline constexpr std::string_view kCounts =
    "SELECT (SELECT COUNT(*) FROM records),"
    " (SELECT COUNT(*) FROM (SELECT DISTINCT kiosk_id, record_id FROM records) AS pairs)";
inline constexpr std::string_view kRecordIds = "SELECT record_id FROM records ORDER BY arrival";
inline constexpr std::string_view kChainLinks =
    "SELECT kiosk_id, record_id, seq, prev_hash, chain_hash, arrival FROM records ORDER BY kiosk_id, seq, "
    "arrival";
inline constexpr std::string_view kForks =
    "SELECT kiosk_id, seq, record_id, other_record_id, detected_at FROM forks ORDER BY kiosk_id, seq, "
    "detected_at";
inline constexpr std::string_view kAccessRequests =
    "SELECT kiosk_id, record_id, requested_at, due_at, by_agent, status FROM access_requests"
    " ORDER BY due_at, kiosk_id, record_id";
inline constexpr std::string_view kSchemaVersion = "SELECT value FROM hq_meta WHERE key = 'schema_version'";

}  // namespace kiosk::hq::schema
