#pragma once
// Head office is the authority for a client's consents: every record of that client, from every
// kiosk, keyed by head office's own hash of their document. It answers a kiosk's sealed question
// with a signed list, and the privacy office's `consent-hq client` with current state and history.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/consent/consent_model.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/hq/head_office.hpp"

namespace kiosk::hq {

enum class QuestionRefusal { Malformed, CannotOpen, WrongKiosk, Storage };
std::string_view to_string(QuestionRefusal refusal);

struct QuestionError {
  QuestionRefusal refusal;
  HqError error;
};

// The body of POST /v1/client-state from an authenticated kiosk -> the signed answer's body.
Expected<std::string, QuestionError> answer_client_state(HeadOffice& head_office, std::string_view kiosk_id,
                                                         std::string_view request_body);

// `consent-hq client`: {"known", "client_key", "current": {...}, "history": [...]} as JSON text.
// The history is pseudonymous (ledger records with where and when they arrived).
Expected<std::string, HqError> client_report(HeadOffice& head_office, const consent::ConsentModel& model,
                                             std::string_view issuer, std::string_view document_number);

}  // namespace kiosk::hq
