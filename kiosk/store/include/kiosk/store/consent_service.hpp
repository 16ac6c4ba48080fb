#pragma once
// The one way a consent gets recorded, used by the kiosk UI and by `kioskctl demo-load` alike.
// A commit is one SQLite transaction (ledger row, sealed outbox row, audit row); it returns the
// record id only after COMMIT returned, and "Saved" may be shown only then.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/consent/consent_model.hpp"
#include "kiosk/core/consent/consent_rules.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/seal/envelope.hpp"
#include "kiosk/store/audit_log.hpp"
#include "kiosk/store/client_key.hpp"
#include "kiosk/store/kiosk_keys.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/ledger_retention.hpp"
#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::store {

// A scanned client, resolved once per session: the slow hash is paid at the scan, not per screen.
struct ClientHandle {
  consent::ClientIdentity identity;
  ClientKey key{};
};

class ConsentService {
 public:
  static Expected<ConsentService, StoreError> open(const StoreOptions& options,
                                                   const consent::ConsentModel& model, const Clock& clock,
                                                   Logger& logger);

  Expected<ClientHandle, StoreError> identify(consent::ClientIdentity identity) const;
  // This kiosk's records of the client, oldest first.
  Expected<std::vector<consent::ConsentRecord>, StoreError> history(const ClientHandle& client);
  // What the client has agreed to now, derived from this kiosk's history under the current model.
  Expected<consent::CurrentConsent, StoreError> current(const ClientHandle& client);
  // Stamps the draft with an id and the time, seals the full record to head office and commits
  // ledger, outbox and audit rows together. Returns the record as stamped, once committed.
  Expected<consent::ConsentRecord, StoreError> commit_record(
      const ClientHandle& client, consent::ConsentRecord draft,
      const std::optional<consent::AgentIdentity>& agent = std::nullopt);
  // The same, returning only the record's id.
  Expected<std::string, StoreError> commit(const ClientHandle& client, consent::ConsentRecord draft,
                                           const std::optional<consent::AgentIdentity>& agent = std::nullopt);
  Status<StoreError> record_staff_action(const AuditEntry& entry);
  Expected<PruneReport, StoreError> prune(std::chrono::days retention);

  const consent::ConsentModel& model() const { return *model_; }
  SqliteDatabase& database() { return db_; }
  const seal::SigningPublicKey& signing_public_key() const { return keys_.signing.public_key; }
  const KioskKeys& keys() const { return keys_; }
  // Head office's newest box key, as the database names it now (the uploader may have installed
  // a new one): what a question to head office is sealed to.
  Expected<seal::HeadOfficeBoxKey, StoreError> head_office_box_key();
  const std::string& kiosk_id() const { return kiosk_id_; }

 private:
  ConsentService(SqliteDatabase db, KioskKeys keys, KeyFiles files, ClientKeyHasher hasher,
                 std::string kiosk_id, const consent::ConsentModel& model, const Clock& clock, Logger& logger)
      : db_(std::move(db)),
        keys_(std::move(keys)),
        files_(std::move(files)),
        hasher_(std::move(hasher)),
        kiosk_id_(std::move(kiosk_id)),
        model_(&model),
        clock_(&clock),
        logger_(&logger) {}

  // Head office's box key as the database says now: the uploader may have installed a new one.
  Status<StoreError> follow_box_key_rotation();

  SqliteDatabase db_;
  KioskKeys keys_;
  // The current window's chain key, in memory only: a restart starts a new window.
  seal::SealingWindow sealing_;
  KeyFiles files_;
  ClientKeyHasher hasher_;
  std::string kiosk_id_;
  const consent::ConsentModel* model_;
  const Clock* clock_;
  Logger* logger_;
};

}  // namespace kiosk::store
