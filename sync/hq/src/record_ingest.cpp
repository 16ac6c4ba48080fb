#include "kiosk/hq/record_ingest.hpp"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/seal/envelope.hpp"

namespace kiosk::hq {
namespace {

using protocol::RecordResult;
using protocol::RecordStatus;

// Smaller uploads are opened by the request's thread alone: handing them out costs more than it saves.
constexpr std::size_t kSharedFrom = 8;

RecordResult rejected(const std::string& record_id, std::string_view code, std::string_view message) {
  return {record_id, RecordStatus::Rejected, std::string(code), std::string(message)};
}

RecordResult envelope_refused(const std::string& record_id, seal::EnvelopeErrc code) {
  switch (code) {
    case seal::EnvelopeErrc::UnknownKey:
      return rejected(record_id, "envelope-unknown-key",
                      "sealed to a head-office key this head office does not hold");
    case seal::EnvelopeErrc::BadHeader:
      return rejected(record_id, "envelope-bad-header", "the signed header is not what a kiosk writes");
    case seal::EnvelopeErrc::BadSignature:
      return rejected(record_id, "envelope-bad-signature",
                      "the signature does not match the envelope's content");
    case seal::EnvelopeErrc::TooShort:
    case seal::EnvelopeErrc::UnknownFormat:
    case seal::EnvelopeErrc::CannotOpen: break;
  }
  return rejected(record_id, "envelope-cannot-open",
                  "not an envelope sealed to this head office, or altered");
}

ExaminedRecord refused(RecordResult result) {
  return {std::nullopt, std::move(result), std::nullopt};
}

}  // namespace

ExaminedRecord RecordIngest::examine(std::string_view kiosk_id,
                                     std::span<const seal::SigningPublicKey> kiosk_keys,
                                     const protocol::UploadItem& item, const seal::BoxKeyring& keyring,
                                     seal::SignatureCheck check) const {
  const std::string& id = item.record_id;
  auto opened = envelopes_->open(item.envelope, keyring, check);
  if (!opened) return refused(envelope_refused(id, opened.error().code));
  const seal::EnvelopeHeader& header = opened->header;
  // A signature left for later is still checked before any other refusal: a forged record is
  // reported as forged, whatever else is wrong with it.
  auto refuse = [&](RecordResult result) {
    if (!opened->signature_checked && !seal::signature_holds(*opened)) {
      return refused(envelope_refused(id, seal::EnvelopeErrc::BadSignature));
    }
    return refused(std::move(result));
  };
  if (header.kiosk_id != kiosk_id) {
    return refuse(rejected(id, "wrong-kiosk", "sealed by another kiosk than the one uploading it"));
  }
  if (std::find(kiosk_keys.begin(), kiosk_keys.end(), header.signer) == kiosk_keys.end()) {
    return refuse(rejected(id, "wrong-signer", "signed with a key this kiosk never enrolled"));
  }
  if (header.record_id != id) {
    return refuse(rejected(id, "id-mismatch", "the signed header names another record id"));
  }
  auto payload = consent::parse_envelope_json(opened->payload);
  if (!payload)
    return refuse(rejected(id, "payload-unreadable", "the signed payload is not a consent record"));
  if (payload->kiosk_id != kiosk_id || payload->record.id != id) {
    return refuse(rejected(id, "id-mismatch", "the payload names another kiosk or record"));
  }

  ReceivedRecord record;
  record.kiosk_id = header.kiosk_id;
  record.record_id = id;
  record.seq = header.seq;
  record.previous_hash = seal::to_hex(header.previous);
  record.chain_hash = seal::to_hex(opened->chain_hash);
  record.box_key_id = seal::to_hex(header.head_office_key);
  record.received_at = consent::format_utc(clock_->now());
  record.recorded_at = consent::format_utc(payload->record.recorded_at);
  record.kind = consent::to_string(payload->record.kind);
  record.client_key = clients_->key_for(payload->client.issuer, payload->client.document_number);
  record.policy_version = payload->record.policy_version;
  record.ledger_json = consent::to_ledger_json(payload->record);
  record.payload_json = check == seal::SignatureCheck::Now ? std::move(opened->payload) : opened->payload;
  record.envelope = item.envelope;
  if (payload->record.kind == consent::EventKind::AccessRequest) {
    record.access_request =
        AccessRequestRow{record.kiosk_id,
                         id,
                         record.recorded_at,
                         consent::format_utc(payload->record.recorded_at + kAccessRequestDeadline),
                         payload->record.agent.has_value(),
                         "open"};
  }
  ExaminedRecord examined{std::move(record), RecordResult{id, RecordStatus::Stored, "", ""}, std::nullopt};
  if (check == seal::SignatureCheck::Later) examined.opened = std::move(*opened);
  return examined;
}

Expected<std::vector<RecordResult>, HqError> RecordIngest::ingest(
    std::string_view kiosk_id, std::span<const seal::SigningPublicKey> kiosk_keys,
    const protocol::UploadBatch& batch) {
  // A kiosk uploads its chain in order: each record's signed header names the one before, so one
  // signature at the end of a run vouches for the whole run. A run whose last signature fails is
  // a kiosk's bug or an attack, never the common case: then every signature is checked.
  auto chained = ingest_once(kiosk_id, kiosk_keys, batch, seal::SignatureCheck::Later);
  if (!chained) return fail(chained.error());
  if (*chained) return std::move(**chained);
  auto each = ingest_once(kiosk_id, kiosk_keys, batch, seal::SignatureCheck::Now);
  if (!each) return fail(each.error());
  if (!*each) return fail(HqError{HqErrc::Internal, "a checked signature was found unchecked"});
  return std::move(**each);
}

Expected<std::optional<std::vector<RecordResult>>, HqError> RecordIngest::ingest_once(
    std::string_view kiosk_id, std::span<const seal::SigningPublicKey> kiosk_keys,
    const protocol::UploadBatch& batch, seal::SignatureCheck check) {
  const std::shared_ptr<const seal::BoxKeyring> keyring = box_keys_->current();
  // A second copy of a record in the same upload is answered as its first copy is, and never
  // opened or stored again.
  const std::size_t count = batch.records.size();
  std::vector<std::size_t> slot_of(count);
  std::vector<std::size_t> first_copies;
  std::unordered_map<std::string_view, std::size_t> slots;
  for (std::size_t i = 0; i < count; ++i) {
    auto [at, added] = slots.emplace(batch.records[i].record_id, first_copies.size());
    if (added) first_copies.push_back(i);
    slot_of[i] = at->second;
  }

  std::vector<ExaminedRecord> examined(first_copies.size());
  auto items = std::make_shared<SharedItems>(first_copies.size(), [&](std::size_t slot) {
    examined[slot] = examine(kiosk_id, kiosk_keys, batch.records[first_copies[slot]], *keyring, check);
  });
  // Whatever happens below, no worker is still writing into `examined` once this returns.
  struct Finish {
    SharedItems& items;
    ~Finish() { items.finish(); }
  } finish{*items};
  if (openers_ != nullptr && first_copies.size() >= kSharedFrom) openers_->share(items);

  auto vouched_by_next = [&](std::size_t slot) {
    if (slot + 1 >= first_copies.size()) return false;
    items->wait_for(slot + 1);
    const ExaminedRecord& next = examined[slot + 1];
    return next.record && next.opened && seal::vouches_for(*next.opened, *examined[slot].opened);
  };

  // Records are stored in order as they are opened, in one transaction begun with the first.
  std::unique_ptr<BatchWriter> writer;
  std::vector<std::size_t> added;  // the slot of each record given to the writer
  for (std::size_t slot = 0; slot < first_copies.size(); ++slot) {
    items->wait_for(slot);
    if (items->failed())
      return fail(HqError{HqErrc::Internal, "opening an envelope failed (out of memory?)"});
    if (!examined[slot].record) continue;
    if (!writer) {
      auto begun = storage_->begin_batch(kiosk_id, consent::format_utc(clock_->now()));
      if (!begun) return fail(begun.error());
      writer = std::move(*begun);
    }
    if (auto stored = writer->add(*examined[slot].record); !stored) return fail(stored.error());
    added.push_back(slot);
    if (check == seal::SignatureCheck::Later && !vouched_by_next(slot)) {
      // The end of a run: its last signature answers for every record of it added so far.
      if (!seal::signature_holds(*examined[slot].opened)) return std::optional<std::vector<RecordResult>>();
    }
  }
  if (writer) {
    auto outcomes = writer->commit();
    if (!outcomes) return fail(outcomes.error());
    for (std::size_t i = 0; i < added.size(); ++i) {
      if ((*outcomes)[i] == StoreOutcome::Duplicate)
        examined[added[i]].result.status = RecordStatus::Duplicate;
    }
  }

  std::vector<RecordResult> results;
  results.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    RecordResult result = examined[slot_of[i]].result;
    if (first_copies[slot_of[i]] != i && result.status != RecordStatus::Rejected) {
      result.status = RecordStatus::Duplicate;
    }
    results.push_back(std::move(result));
  }
  return std::optional(std::move(results));
}

}  // namespace kiosk::hq
