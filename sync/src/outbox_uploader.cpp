#include "kiosk/sync/outbox_uploader.hpp"

#include <algorithm>
#include <unordered_set>

#include "kiosk/protocol/request_signature.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/recorded_keys.hpp"
#include "kiosk/sync/sync_state.hpp"
#include "kiosk/text/kiosk_text.hpp"

namespace kiosk::sync {
namespace {

using store::StoreError;

// The JSON around one record in a batch: {"id":"…","envelope":"…"}, and the batch's own braces.
constexpr std::size_t kRecordOverhead = 32;
constexpr std::size_t kBatchOverhead = 16;

std::size_t encoded_size(const store::OutboxItem& item) {
  return item.record_id.size() + (item.envelope.size() + 2) / 3 * 4 + kRecordOverhead;
}

std::string error_code_of(const HttpResponse& response) {
  auto body = protocol::parse_error_body(response.body);
  return "http-" + std::to_string(response.status) + (body ? " " + body->code : std::string());
}

}  // namespace

struct OutboxUploader::Batch {
  std::vector<store::OutboxItem> items;
};

OutboxUploader::OutboxUploader(store::OpenedStore opened, std::string kiosk_id, HttpsTransport& transport,
                               UploaderSettings settings, const Clock& clock, Logger& logger)
    : store_(std::move(opened)),
      kiosk_id_(std::move(kiosk_id)),
      transport_(&transport),
      settings_(settings),
      clock_(&clock),
      logger_(&logger),
      schedule_(settings.retry, clock),
      batch_limit_(std::clamp<std::size_t>(settings.max_batch_records, 1, protocol::kMaxBatchRecords)) {}

OutboxUploader::~OutboxUploader() = default;

Expected<std::unique_ptr<OutboxUploader>, StoreError> OutboxUploader::open(const store::StoreOptions& options,
                                                                           HttpsTransport& transport,
                                                                           UploaderSettings settings,
                                                                           const Clock& clock,
                                                                           Logger& logger) {
  auto opened = store::open_kiosk_store(options, clock, logger);
  if (!opened) return fail(opened.error());
  return over(std::move(*opened), options.kiosk_id, transport, settings, clock, logger);
}

Expected<std::unique_ptr<OutboxUploader>, StoreError> OutboxUploader::over(
    store::OpenedStore opened, std::string kiosk_id, HttpsTransport& transport, UploaderSettings settings,
    const Clock& clock, Logger& logger) {
  if (!opened.keys.trust) {
    return fail(StoreError{store::StoreErrc::KeyFile, std::string(text::sync::not_enrolled.en),
                           std::string(text::sync::not_enrolled.fr)});
  }
  return std::unique_ptr<OutboxUploader>(
      new OutboxUploader(std::move(opened), std::move(kiosk_id), transport, settings, clock, logger));
}

void OutboxUploader::stop() {
  stopping_ = true;
  transport_->interrupt();
}

Expected<OutboxUploader::Batch, StoreError> OutboxUploader::next_batch() {
  auto items = store::Outbox(store_.db).pending(static_cast<std::int64_t>(batch_limit_));
  if (!items) return fail(items.error());
  Batch batch;
  std::size_t bytes = kBatchOverhead;
  for (auto& item : *items) {
    const std::size_t cost = encoded_size(item);
    // A record larger than the limit goes alone: head office says if it is too large.
    if (!batch.items.empty() && bytes + cost > settings_.max_batch_bytes) break;
    bytes += cost;
    batch.items.push_back(std::move(item));
  }
  return batch;
}

OutboxUploader::Attempt OutboxUploader::send(const Batch& batch, DrainReport& report) {
  protocol::UploadBatch upload;
  std::vector<std::string> ids;
  for (const auto& item : batch.items) {
    upload.records.push_back({item.record_id, item.envelope});
    ids.push_back(item.record_id);
  }
  HttpRequest request;
  request.path = std::string(protocol::kRecordsPath);
  request.body = protocol::to_json(upload);
  request.headers = {{std::string(protocol::kKioskIdHeader), kiosk_id_},
                     {std::string(protocol::kKioskSignatureHeader),
                      protocol::sign_request("POST", request.path, request.body, store_.keys.signing)}};
  if (auto noted = store::Outbox(store_.db).note_attempt(ids); !noted) {
    return {Outcome::Failed, std::string(store::to_string(noted.error().code)), std::nullopt};
  }
  auto response = transport_->send(request);
  if (!response) {
    const std::string error = std::string(to_string(response.error().code));
    if (response.error().code == TransportErrc::CertificateMismatch) {
      logger_->error("sync", "head office's certificate does not match the pinned one: nothing sent (" +
                                 response.error().detail + ")");
    } else {
      logger_->warn("sync", error + ": " + response.error().detail);
    }
    return {Outcome::Failed, error, std::nullopt};
  }
  switch (response->status) {
    case 200:
      report.sent += static_cast<std::int64_t>(batch.items.size());
      return settle(batch, response->body, report);
    case 400: return {Outcome::Malformed, error_code_of(*response), std::nullopt};
    case 413: return {Outcome::TooLarge, error_code_of(*response), std::nullopt};
    default:
      // 401, 429, 503, any 5xx and anything unexpected: the batch waits for a later drain.
      logger_->warn("sync", "head office answered " + error_code_of(*response));
      return {Outcome::Failed, error_code_of(*response), retry_after_seconds(response->retry_after)};
  }
}

OutboxUploader::Attempt OutboxUploader::settle(const Batch& batch, const std::string& body,
                                               DrainReport& report) {
  auto parsed = protocol::parse_upload_response(body);
  if (!parsed) {
    return {Outcome::Failed, "bad-response " + std::string(protocol::to_string(parsed.error().code)),
            std::nullopt};
  }
  const auto now = clock_->now();
  std::int64_t acked = 0;
  std::int64_t quarantined = 0;
  {
    auto transaction = store::Transaction::begin(store_.db);
    if (!transaction)
      return {Outcome::Failed, std::string(store::to_string(transaction.error().code)), std::nullopt};
    store::Outbox outbox(store_.db);
    std::unordered_set<std::string_view> sent;
    for (const auto& item : batch.items) sent.insert(item.record_id);
    std::vector<std::string> acknowledged;
    for (const auto& result : parsed->results) {
      if (!sent.contains(result.record_id)) continue;
      if (result.acknowledged()) {
        acknowledged.push_back(result.record_id);
        continue;
      }
      auto done = outbox.quarantine(result.record_id, result.code, result.message, now);
      if (!done) return {Outcome::Failed, std::string(store::to_string(done.error().code)), std::nullopt};
      ++quarantined;
      logger_->warn("sync", "record " + result.record_id + " quarantined: head office refused it (" +
                                result.code + ")");
    }
    if (auto done = outbox.acknowledge(acknowledged, now); !done) {
      return {Outcome::Failed, std::string(store::to_string(done.error().code)), std::nullopt};
    }
    acked = static_cast<std::int64_t>(acknowledged.size());
    if (auto committed = transaction->commit(); !committed) {
      return {Outcome::Failed, std::string(store::to_string(committed.error().code)), std::nullopt};
    }
  }
  report.acked += acked;
  report.quarantined += quarantined;
  if (parsed->box_key) follow_announced_key(*parsed->box_key);
  // An answer that settles nothing would be asked again forever: treat it as a failure.
  if (acked + quarantined == 0) return {Outcome::Failed, "no-results", std::nullopt};
  return {Outcome::Delivered, {}, std::nullopt};
}

OutboxUploader::Attempt OutboxUploader::send_one_by_one(const Batch& batch, DrainReport& report) {
  for (const auto& item : batch.items) {
    if (stopping_) return {Outcome::Failed, "stopped", std::nullopt};
    Batch one;
    one.items.push_back(item);
    Attempt attempt = send(one, report);
    if (attempt.outcome == Outcome::Malformed || attempt.outcome == Outcome::TooLarge) {
      // Refused alone too: it will never be accepted as it is. Kept, with head office's reason.
      const std::string code = attempt.outcome == Outcome::Malformed ? "malformed-request" : "too-large";
      auto moved = store::Outbox(store_.db).quarantine(item.record_id, code, attempt.error, clock_->now());
      if (!moved) return {Outcome::Failed, std::string(store::to_string(moved.error().code)), std::nullopt};
      logger_->warn("sync", "record " + item.record_id + " quarantined: " + code);
      ++report.quarantined;
    } else if (attempt.outcome == Outcome::Failed) {
      return attempt;
    }
  }
  return {Outcome::Delivered, {}, std::nullopt};
}

void OutboxUploader::follow_announced_key(const protocol::BoxKeyAnnouncement& announced) {
  if (announced.key == store_.keys.head_office) return;
  if (!store_.keys.trust || !protocol::announcement_is_genuine(announced, store_.keys.trust->identity)) {
    logger_->warn("sync", "a box key announcement not signed by head office's identity key was ignored");
    return;
  }
  auto installed = store::install_head_office_box_key(store_.db, store_.files, store_.keys,
                                                      {announced.key, announced.signature});
  if (!installed) {
    logger_->error("sync", "head office's new box key could not be installed: " + installed.error().detail);
    return;
  }
  logger_->info("sync", "head office's box key is now " + seal::to_hex(announced.key.id));
}

DrainReport OutboxUploader::drain() {
  DrainReport report;
  std::optional<Attempt> failure;
  while (!failure) {
    if (stopping_) {
      failure = Attempt{Outcome::Failed, "stopped", std::nullopt};
      break;
    }
    auto batch = next_batch();
    if (!batch) {
      failure = Attempt{Outcome::Failed, std::string(store::to_string(batch.error().code)), std::nullopt};
      break;
    }
    if (batch->items.empty()) break;
    Attempt attempt = send(*batch, report);
    if (attempt.outcome == Outcome::TooLarge && batch->items.size() > 1) {
      batch_limit_ = std::max<std::size_t>(1, batch->items.size() / 2);
      logger_->info("sync",
                    "head office found the batch too large: now at most " + std::to_string(batch_limit_));
      continue;
    }
    if (attempt.outcome == Outcome::TooLarge || attempt.outcome == Outcome::Malformed) {
      attempt = send_one_by_one(*batch, report);
    }
    if (attempt.outcome == Outcome::Failed) failure = std::move(attempt);
  }
  finish(report, failure ? &*failure : nullptr);
  return report;
}

void OutboxUploader::finish(DrainReport& report, const Attempt* failure) {
  if (failure != nullptr) {
    report.last_error = failure->error;
    report.retry_in = schedule_.failed(failure->retry_after);
  } else {
    schedule_.succeeded();
  }
  auto summary = store::Outbox(store_.db).summary();
  if (summary) {
    report.pending = summary->pending;
    report.quarantined_total = summary->quarantined;
    if (summary->oldest_pending) {
      report.oldest_pending_age_s =
          std::max(0.0, std::chrono::duration<double>(clock_->now() - *summary->oldest_pending).count());
    }
  } else if (report.last_error.empty()) {
    report.last_error = std::string(store::to_string(summary.error().code));
  }
  if (auto recorded = record_drain(store_.db, report, clock_->now()); !recorded) {
    logger_->warn("sync", "sync state not recorded: " + recorded.error().detail);
  }
}

}  // namespace kiosk::sync
