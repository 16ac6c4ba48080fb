#include "kiosk/sync/client_state_lookup.hpp"

#include <sodium.h>

#include "kiosk/protocol/messages.hpp"
#include "kiosk/protocol/request_signature.hpp"
#include "kiosk/seal/envelope.hpp"

namespace kiosk::sync {

std::string_view to_string(LookupErrc code) {
  switch (code) {
    case LookupErrc::Unreachable: return "lookup-unreachable";
    case LookupErrc::CertificateMismatch: return "lookup-certificate-mismatch";
    case LookupErrc::Refused: return "lookup-refused";
    case LookupErrc::BadAnswer: return "lookup-bad-answer";
  }
  return "lookup-error";
}

ClientStateLookup::ClientStateLookup(std::string kiosk_id, seal::SigningKeyPair kiosk_key,
                                     seal::SigningPublicKey head_office, HttpsTransport& transport)
    : kiosk_id_(std::move(kiosk_id)),
      kiosk_key_(std::move(kiosk_key)),
      head_office_(head_office),
      transport_(&transport) {}

Expected<HeadOfficeHistory, LookupError> ClientStateLookup::ask(const consent::ClientIdentity& client,
                                                                const seal::HeadOfficeBoxKey& box_key) {
  const std::string nonce = protocol::new_nonce();
  std::string question = protocol::to_json(
      protocol::ClientStateQuestion{kiosk_id_, client.issuer, client.document_number, nonce});
  const auto sealed = seal::seal_to_head_office(question, box_key);
  sodium_memzero(question.data(), question.size());  // it names the client

  HttpRequest request;
  request.path = std::string(protocol::kClientStatePath);
  request.body = protocol::client_state_request_body(sealed);
  request.headers = {{std::string(protocol::kKioskIdHeader), kiosk_id_},
                     {std::string(protocol::kKioskSignatureHeader),
                      protocol::sign_request("POST", request.path, request.body, kiosk_key_)}};
  auto response = transport_->send(request);
  if (!response) {
    const LookupErrc code = response.error().code == TransportErrc::CertificateMismatch
                                ? LookupErrc::CertificateMismatch
                                : LookupErrc::Unreachable;
    return fail(
        LookupError{code, std::string(to_string(response.error().code)) + ": " + response.error().detail});
  }
  if (response->status != 200) {
    auto error = protocol::parse_error_body(response->body);
    return fail(LookupError{LookupErrc::Refused, "http-" + std::to_string(response->status) +
                                                     (error ? " " + error->code : std::string())});
  }
  auto answer = protocol::open_client_state_answer(response->body, head_office_, nonce);
  if (!answer)
    return fail(LookupError{LookupErrc::BadAnswer, std::string(protocol::to_string(answer.error()))});
  HeadOfficeHistory history;
  history.known = answer->known;
  for (const std::string& text : answer->records) {
    auto record = consent::parse_ledger_json(text);
    if (!record) return fail(LookupError{LookupErrc::BadAnswer, "a record in the answer is unreadable"});
    history.records.push_back(std::move(*record));
  }
  return history;
}

}  // namespace kiosk::sync
