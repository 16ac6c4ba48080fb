#pragma once
// Asking head office, the authority, for a client's records (sync/PROTOCOL.md, "Asking for a
// client's current choices"). The question (issuer, document number, a fresh nonce) is sealed
// to head office's newest box key, so only head office reads who is asking; the answer counts
// only when head office's pinned identity key signed it for this very nonce.

#include <string>
#include <vector>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/seal/keys.hpp"
#include "kiosk/sync/https_transport.hpp"

namespace kiosk::sync {

enum class LookupErrc {
  Unreachable,          // no answer in time: the kiosk uses its own records
  CertificateMismatch,  // not the pinned head office: nothing was sent
  Refused,              // head office answered with an error
  BadAnswer,            // unsigned, signed by someone else, for another nonce, or unreadable
};

std::string_view to_string(LookupErrc code);

struct LookupError {
  LookupErrc code;
  std::string detail;  // for the log: never the client's identity
};

struct HeadOfficeHistory {
  bool known = false;
  std::vector<consent::ConsentRecord> records;  // every kiosk's, oldest first
};

class ClientStateLookup {
 public:
  ClientStateLookup(std::string kiosk_id, seal::SigningKeyPair kiosk_key, seal::SigningPublicKey head_office,
                    HttpsTransport& transport);

  Expected<HeadOfficeHistory, LookupError> ask(const consent::ClientIdentity& client,
                                               const seal::HeadOfficeBoxKey& box_key);

 private:
  std::string kiosk_id_;
  seal::SigningKeyPair kiosk_key_;
  seal::SigningPublicKey head_office_;
  HttpsTransport* transport_;
};

}  // namespace kiosk::sync
