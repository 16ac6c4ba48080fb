#include "kiosk/store/consent_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "kiosk/store/consent_ledger.hpp"
#include "kiosk/store/key_file.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/recorded_keys.hpp"

namespace kiosk::store {

Expected<ConsentService, StoreError> ConsentService::open(const StoreOptions& options,
                                                          const consent::ConsentModel& model,
                                                          const Clock& clock, Logger& logger) {
  auto opened = open_kiosk_store(options, clock, logger);
  if (!opened) return fail(opened.error());
  ClientKeyHasher hasher(opened->keys.client_hash_secret, opened->client_hash_cost);
  return ConsentService(std::move(opened->db), std::move(opened->keys), std::move(opened->files),
                        std::move(hasher), options.kiosk_id, model, clock, logger);
}

Expected<ClientHandle, StoreError> ConsentService::identify(consent::ClientIdentity identity) const {
  auto key = hasher_.key_for(identity.issuer, identity.document_number);
  if (!key) return fail(key.error());
  return ClientHandle{std::move(identity), *key};
}

Expected<std::vector<consent::ConsentRecord>, StoreError> ConsentService::history(
    const ClientHandle& client) {
  return ConsentLedger(db_).history(client.key);
}

Expected<consent::CurrentConsent, StoreError> ConsentService::current(const ClientHandle& client) {
  auto records = history(client);
  if (!records) return fail(records.error());
  return consent::derive_current_state(*model_, *records, client.identity.issuer);
}

Status<StoreError> ConsentService::follow_box_key_rotation() {
  auto recorded = recorded_box_key(db_);
  if (!recorded) return fail(recorded.error());
  if (*recorded == keys_.head_office) return Ok{};
  // The file must hold the key the database now names: anything else is sealed to nobody.
  auto in_file = read_head_office_box_key(files_.head_office_box);
  if (!in_file) return fail(in_file.error());
  if (*in_file != *recorded) {
    return fail(key_file_error(files_.head_office_box, KeyFileProblem::Changed));
  }
  logger_->info("store", "head office box key now " + seal::to_hex(recorded->id));
  keys_.head_office = *recorded;
  return Ok{};
}

Expected<seal::HeadOfficeBoxKey, StoreError> ConsentService::head_office_box_key() {
  if (auto followed = follow_box_key_rotation(); !followed) return fail(followed.error());
  return keys_.head_office;
}

Expected<std::string, StoreError> ConsentService::commit(const ClientHandle& client,
                                                         consent::ConsentRecord draft,
                                                         const std::optional<consent::AgentIdentity>& agent) {
  auto committed = commit_record(client, std::move(draft), agent);
  if (!committed) return fail(committed.error());
  return committed->id;
}

Expected<consent::ConsentRecord, StoreError> ConsentService::commit_record(
    const ClientHandle& client, consent::ConsentRecord draft,
    const std::optional<consent::AgentIdentity>& agent) {
  draft.id = new_record_id();
  draft.recorded_at = clock_->now();
  const SensitiveText payload = consent::to_envelope_json({kiosk_id_, draft, client.identity, agent});

  auto transaction = Transaction::begin(db_);
  if (!transaction) return fail(transaction.error());
  if (auto followed = follow_box_key_rotation(); !followed) {
    logger_->error("store", std::string(to_string(followed.error().code)) + ": " + followed.error().detail);
    return fail(followed.error());
  }
  Outbox outbox(db_);
  // The number and link are read under the write lock taken by BEGIN IMMEDIATE: two writers can
  // never give out the same number, and a rollback gives the number back.
  auto head = outbox.chain_head();
  if (!head) return fail(head.error());
  seal::EnvelopeHeader header;
  header.kiosk_id = kiosk_id_;
  header.seq = head->last_seq + 1;
  header.record_id = draft.id;
  std::copy_n(head->last_hash.begin(), std::min(head->last_hash.size(), header.previous.size()),
              header.previous.begin());
  const seal::SealedEnvelope envelope = sealing_.seal(header, payload, keys_.signing, keys_.head_office);

  ConsentLedger ledger(db_);
  if (auto appended = ledger.append(draft, client.key); !appended) return fail(appended.error());
  if (auto queued = outbox.add(draft.id, envelope.bytes, header.seq, envelope.chain_hash, draft.recorded_at);
      !queued) {
    return fail(queued.error());
  }
  AuditLog audit(db_);
  const std::string actor =
      draft.session.presence.assisted() ? draft.session.presence.associate_id : "client";
  // What the associate did, as well as that a record was made: an agent's authority, who asked.
  std::string detail = std::string(consent::to_string(draft.kind)) + " " + draft.id;
  if (draft.kind == consent::EventKind::AgentDesignation && draft.agent) {
    detail += " authority " + std::string(consent::to_string(draft.agent->document)) + " checked by " +
              draft.agent->checked_by;
  }
  if (draft.kind == consent::EventKind::AccessRequest) {
    detail += draft.agent ? " by agent" : " by client";
    if (draft.delivery) detail += " delivery " + std::string(consent::to_string(*draft.delivery));
  }
  auto audited = audit.append({actor, AuditAction::ConsentRecorded, detail}, draft.recorded_at);
  if (!audited) return fail(audited.error());
  if (auto committed = transaction->commit(); !committed) {
    logger_->error("store", std::string(to_string(committed.error().code)) + " at commit of " + draft.id);
    return fail(committed.error());
  }
  return draft;
}

Status<StoreError> ConsentService::record_staff_action(const AuditEntry& entry) {
  auto transaction = Transaction::begin(db_);
  if (!transaction) return fail(transaction.error());
  AuditLog audit(db_);
  if (auto appended = audit.append(entry, clock_->now()); !appended) return appended;
  return transaction->commit();
}

Expected<PruneReport, StoreError> ConsentService::prune(std::chrono::days retention) {
  return prune_ledger(db_, clock_->now(), retention);
}

}  // namespace kiosk::store
