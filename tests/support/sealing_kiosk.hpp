#pragma once
// A kiosk as head office sees it, without a kiosk store: it numbers, links, signs and seals
// consent records exactly as kiosk/store does (seal::seal_envelope over consent::to_envelope_json),
// and can also break the rules on purpose (a gap, a fork, another signer) for head office's tests.

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/core/consent/consent_rules.hpp"
#include "kiosk/protocol/messages.hpp"
#include "kiosk/seal/envelope.hpp"
#include "kiosk/store/consent_ledger.hpp"
#include "kiosk/store/policy_assets.hpp"

namespace kiosk::testing {

inline const consent::ConsentModel& shipped_consent_model() {
  static const consent::ConsentModel model = [] {
    auto built = store::build_consent_model(store::embedded_policy_assets());
    if (!built) throw std::runtime_error(built.error().detail);
    return std::move(*built);
  }();
  return model;
}

// A client's choices under the shipped model, starting from the defaults.
inline consent::ConsentRecord choices_record(std::vector<consent::ItemDecision> changes,
                                             std::chrono::system_clock::time_point at,
                                             consent::SessionContext session = {}) {
  const auto& model = shipped_consent_model();
  auto record = consent::record_choices(model, consent::initial_state(model), changes, session);
  if (!record) throw std::runtime_error("choices refused by the model: " + record.error().item_id);
  record->id = store::new_record_id();
  record->recorded_at = at;
  return std::move(*record);
}

inline consent::ConsentRecord withdrawal_record(const consent::CurrentConsent& current,
                                                std::chrono::system_clock::time_point at) {
  auto record = consent::record_withdrawal(shipped_consent_model(), current, {});
  record.id = store::new_record_id();
  record.recorded_at = at;
  return record;
}

inline consent::ConsentRecord access_request_record(std::chrono::system_clock::time_point at) {
  const auto& model = shipped_consent_model();
  auto record = consent::record_access_request(model, consent::initial_state(model), false, {});
  if (!record) throw std::runtime_error("access request refused by the model");
  record->id = store::new_record_id();
  record->recorded_at = at;
  return std::move(*record);
}

inline consent::ClientIdentity sample_client(std::string issuer = "ON",
                                             std::string number = "W8831-77402-95117") {
  return {std::move(issuer), std::move(number), "WOLFENSTEINER", "PERPETUA", "1977-12-09"};
}

class SealingKiosk {
 public:
  SealingKiosk(std::string kiosk_id, seal::HeadOfficeBoxKey head_office)
      : id_(std::move(kiosk_id)), key_(seal::generate_signing_key_pair()), head_office_(head_office) {}

  const std::string& id() const { return id_; }
  const seal::SigningKeyPair& key() const { return key_; }
  void use_key(seal::SigningKeyPair key) { key_ = std::move(key); }
  void seal_to(const seal::HeadOfficeBoxKey& head_office) { head_office_ = head_office; }
  std::int64_t next_seq() const { return seq_ + 1; }

  // The next envelope of this kiosk's chain.
  protocol::UploadItem next(const consent::ConsentRecord& record,
                            const consent::ClientIdentity& client = sample_client()) {
    auto sealed = seal_at(seq_ + 1, previous_, record, client);
    ++seq_;
    previous_ = sealed.second;
    return std::move(sealed.first);
  }

  // An envelope at any number and link, leaving the chain as it was.
  std::pair<protocol::UploadItem, seal::Hash32> seal_at(
      std::int64_t seq, const seal::Hash32& previous, const consent::ConsentRecord& record,
      const consent::ClientIdentity& client = sample_client()) const {
    seal::EnvelopeHeader header;
    header.kiosk_id = id_;
    header.seq = seq;
    header.record_id = record.id;
    header.previous = previous;
    const std::string payload = consent::to_envelope_json({id_, record, client, std::nullopt});
    auto sealed = window_.seal(header, payload, key_, head_office_);
    return {protocol::UploadItem{record.id, std::move(sealed.bytes)}, sealed.chain_hash};
  }

  // Skips numbers, as a kiosk whose envelopes were lost would appear.
  void skip(std::int64_t count) { seq_ += count; }

 private:
  std::string id_;
  seal::SigningKeyPair key_;
  seal::HeadOfficeBoxKey head_office_;
  std::int64_t seq_ = 0;
  seal::Hash32 previous_{};
  // As a kiosk seals: windows of records, not one key agreement each.
  mutable seal::SealingWindow window_;
};

inline protocol::UploadBatch batch_of(std::vector<protocol::UploadItem> items) {
  return protocol::UploadBatch{std::move(items)};
}

}  // namespace kiosk::testing
