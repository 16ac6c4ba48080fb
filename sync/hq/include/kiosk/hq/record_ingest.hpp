#pragma once
// What head office does with an authenticated kiosk's upload: opens each envelope, checks it is
// that kiosk's, signed by one of its enrolled keys, and names the record it is filed under; stores
// the good ones in one transaction and says what became of each (sync/PROTOCOL.md).

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/hq/head_office_keys.hpp"
#include "kiosk/hq/head_office_storage.hpp"
#include "kiosk/hq/opening_workers.hpp"
#include "kiosk/protocol/messages.hpp"
#include "kiosk/seal/envelope.hpp"

namespace kiosk::hq {

// PIPEDA: an access request is answered within 30 days of receiving it.
inline constexpr std::chrono::days kAccessRequestDeadline{30};

// One upload item, opened and checked: a record ready to store, or why it is refused for good.
struct ExaminedRecord {
  std::optional<ReceivedRecord> record;
  protocol::RecordResult result;  // Rejected with code and message when `record` is empty
  // Kept when the signature is left for later: the next record may vouch for this one.
  std::optional<seal::OpenedEnvelope> opened;
};

class RecordIngest {
 public:
  // With `openers`, uploads of more than a few records are opened on every core while the first
  // ones are stored; without, by the calling thread alone.
  RecordIngest(HeadOfficeStorage& storage, BoxKeyringWatch& box_keys, const ClientKeyer& clients,
               const Clock& clock, OpeningWorkers* openers = nullptr)
      : storage_(&storage),
        box_keys_(&box_keys),
        clients_(&clients),
        clock_(&clock),
        openers_(openers),
        envelopes_(std::make_unique<seal::EnvelopeOpener>()) {}

  ExaminedRecord examine(std::string_view kiosk_id, std::span<const seal::SigningPublicKey> kiosk_keys,
                         const protocol::UploadItem& item, const seal::BoxKeyring& keyring,
                         seal::SignatureCheck check = seal::SignatureCheck::Now) const;

  // Results in the batch's order, once the records stored are committed. Fails as a whole
  // (nothing stored) when the database does.
  Expected<std::vector<protocol::RecordResult>, HqError> ingest(
      std::string_view kiosk_id, std::span<const seal::SigningPublicKey> kiosk_keys,
      const protocol::UploadBatch& batch);

 private:
  // Empty when a record's authenticity rested on a signature that then failed: nothing of the
  // attempt is stored, and the upload is taken again with every signature checked.
  Expected<std::optional<std::vector<protocol::RecordResult>>, HqError> ingest_once(
      std::string_view kiosk_id, std::span<const seal::SigningPublicKey> kiosk_keys,
      const protocol::UploadBatch& batch, seal::SignatureCheck check);

  HeadOfficeStorage* storage_;
  BoxKeyringWatch* box_keys_;
  const ClientKeyer* clients_;
  const Clock* clock_;
  OpeningWorkers* openers_;
  std::unique_ptr<seal::EnvelopeOpener> envelopes_;  // shared by the opening threads
};

}  // namespace kiosk::hq
