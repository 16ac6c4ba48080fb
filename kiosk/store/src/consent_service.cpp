#include "kiosk/store/consent_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "kiosk/store/consent_ledger.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/outbox.hpp"

namespace kiosk::store {
namespace {

Expected<std::optional<std::string>, StoreError> read_meta(SqliteDatabase& db, std::string_view key) {
  auto select = db.prepare("SELECT value FROM meta WHERE key = ?");
  if (!select) return fail(select.error());
  select->bind(1, key);
  auto row = select->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{select->column_text(0)};
}

std::string hex(std::span<const unsigned char> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

// The database remembers the hash cost it was created with and the kiosk key that signed its
// envelopes: a key file swapped underneath it is refused rather than silently forking identity.
Expected<ClientHashCost, StoreError> settle_meta(SqliteDatabase& db, const ConsentServiceOptions& options,
                                                 const KioskKeys& keys) {
  auto transaction = Transaction::begin(db);
  if (!transaction) return fail(transaction.error());
  const std::string signer = hex(keys.signing.public_key);
  const std::pair<std::string_view, std::string> defaults[] = {
      {"client_hash_opslimit", std::to_string(options.client_hash_cost.opslimit)},
      {"client_hash_memlimit", std::to_string(options.client_hash_cost.memlimit_bytes)},
      {"kiosk_signing_public_key", signer},
  };
  for (const auto& [key, value] : defaults) {
    auto insert = db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES(?, ?)");
    if (!insert) return fail(insert.error());
    if (auto done = insert->bind(1, key).bind(2, value).run(); !done) return fail(done.error());
  }
  auto ops = read_meta(db, "client_hash_opslimit");
  auto mem = read_meta(db, "client_hash_memlimit");
  auto stored_signer = read_meta(db, "kiosk_signing_public_key");
  if (!ops) return fail(ops.error());
  if (!mem) return fail(mem.error());
  if (!stored_signer) return fail(stored_signer.error());
  if (**stored_signer != signer) {
    return fail(StoreError{StoreErrc::KeyFile, "the signing key file does not belong to this database"});
  }
  auto committed = transaction->commit();
  if (!committed) return fail(committed.error());
  try {
    return ClientHashCost{std::stoull(**ops), static_cast<std::size_t>(std::stoull(**mem))};
  } catch (const std::logic_error&) {
    return fail(StoreError{StoreErrc::Corrupt, "meta: client hash cost unreadable"});
  }
}

}  // namespace

Expected<ConsentService, StoreError> ConsentService::open(const ConsentServiceOptions& options,
                                                          const consent::ConsentModel& model,
                                                          const Clock& clock, Logger& logger) {
  // Keys first: a database is never created without the keys that protect what goes in it.
  auto keys = load_or_create_kiosk_keys(options.database);
  if (!keys) return fail(keys.error());
  auto db = open_service_database(options.database, clock, options.vfs, options.busy_timeout);
  if (!db) {
    logger.error("store", std::string(to_string(db.error().code)) + ": " + db.error().detail);
    return fail(db.error());
  }
  auto cost = settle_meta(*db, options, *keys);
  if (!cost) return fail(cost.error());
  ClientKeyHasher hasher(keys->client_hash_secret, *cost);
  return ConsentService(std::move(*db), std::move(*keys), std::move(hasher), options.kiosk_id, model, clock,
                        logger);
}

Expected<ClientHandle, StoreError> ConsentService::identify(consent::ClientIdentity identity) const {
  auto key = hasher_.key_for(identity.issuer, identity.document_number);
  if (!key) return fail(key.error());
  return ClientHandle{std::move(identity), *key};
}

Expected<consent::CurrentConsent, StoreError> ConsentService::current(const ClientHandle& client) {
  ConsentLedger ledger(db_);
  auto history = ledger.history(client.key);
  if (!history) return fail(history.error());
  return consent::derive_current_state(*model_, *history);
}

Expected<std::string, StoreError> ConsentService::commit(const ClientHandle& client,
                                                         consent::ConsentRecord draft,
                                                         const std::optional<consent::AgentIdentity>& agent) {
  draft.id = new_record_id();
  draft.recorded_at = clock_->now();
  std::string payload = consent::to_envelope_json({kiosk_id_, draft, client.identity, agent});
  struct Wipe {
    std::string& text;
    ~Wipe() { sodium_memzero(text.data(), text.size()); }
  } wipe{payload};

  auto transaction = Transaction::begin(db_);
  if (!transaction) return fail(transaction.error());
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
  const seal::SealedEnvelope envelope =
      seal::seal_envelope(header, payload, keys_.signing, keys_.head_office);

  ConsentLedger ledger(db_);
  if (auto appended = ledger.append(draft, client.key); !appended) return fail(appended.error());
  if (auto queued = outbox.add(draft.id, envelope.bytes, header.seq, envelope.chain_hash, draft.recorded_at);
      !queued) {
    return fail(queued.error());
  }
  AuditLog audit(db_);
  const std::string actor =
      draft.session.presence.assisted() ? draft.session.presence.associate_id : "client";
  auto audited = audit.append(
      {actor, AuditAction::ConsentRecorded, std::string(consent::to_string(draft.kind)) + " " + draft.id},
      draft.recorded_at);
  if (!audited) return fail(audited.error());
  if (auto committed = transaction->commit(); !committed) {
    logger_->error("store", std::string(to_string(committed.error().code)) + " at commit of " + draft.id);
    return fail(committed.error());
  }
  return draft.id;
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
