#include "kiosk/sync/sync_state.hpp"

#include <stdexcept>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/store/recorded_keys.hpp"
#include "kiosk/sync/outbox_uploader.hpp"

namespace kiosk::sync {
namespace {

constexpr std::string_view kLastAttempt = "sync_last_attempt";
constexpr std::string_view kLastSuccess = "sync_last_success";
constexpr std::string_view kLastError = "sync_last_error";
constexpr std::string_view kSent = "sync_sent_total";
constexpr std::string_view kAcked = "sync_acked_total";
constexpr std::string_view kQuarantined = "sync_quarantined_total";

Expected<std::string, store::StoreError> text_of(store::SqliteDatabase& db, std::string_view key) {
  auto value = store::read_meta(db, key);
  if (!value) return fail(value.error());
  return value->value_or("");
}

Expected<std::int64_t, store::StoreError> count_of(store::SqliteDatabase& db, std::string_view key) {
  auto text = text_of(db, key);
  if (!text) return fail(text.error());
  try {
    return text->empty() ? std::int64_t{0} : std::stoll(*text);
  } catch (const std::logic_error&) {
    return std::int64_t{0};  // a damaged counter restarts; it is only for the tech's eyes
  }
}

}  // namespace

Expected<SyncState, store::StoreError> read_sync_state(store::SqliteDatabase& db) {
  SyncState state;
  for (auto [key, field] :
       {std::pair{kLastAttempt, &state.last_attempt}, std::pair{kLastSuccess, &state.last_success},
        std::pair{kLastError, &state.last_error}}) {
    auto value = text_of(db, key);
    if (!value) return fail(value.error());
    *field = std::move(*value);
  }
  for (auto [key, field] : {std::pair{kSent, &state.sent_total}, std::pair{kAcked, &state.acked_total},
                            std::pair{kQuarantined, &state.quarantined_total}}) {
    auto value = count_of(db, key);
    if (!value) return fail(value.error());
    *field = *value;
  }
  return state;
}

Status<store::StoreError> record_drain(store::SqliteDatabase& db, const DrainReport& report,
                                       std::chrono::system_clock::time_point at) {
  auto transaction = store::Transaction::begin(db);
  if (!transaction) return fail(transaction.error());
  auto before = read_sync_state(db);
  if (!before) return fail(before.error());
  const std::string now = consent::format_utc(at);
  const std::pair<std::string_view, std::string> values[] = {
      {kLastAttempt, now},
      {kLastError, report.last_error},
      {kSent, std::to_string(before->sent_total + report.sent)},
      {kAcked, std::to_string(before->acked_total + report.acked)},
      {kQuarantined, std::to_string(before->quarantined_total + report.quarantined)},
  };
  for (const auto& [key, value] : values) {
    if (auto written = store::write_meta(db, key, value); !written) return written;
  }
  if (report.last_error.empty()) {
    if (auto written = store::write_meta(db, kLastSuccess, now); !written) return written;
  }
  return transaction->commit();
}

}  // namespace kiosk::sync
