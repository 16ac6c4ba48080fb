#include "kiosk/hq/client_state.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/core/consent/consent_rules.hpp"
#include "kiosk/protocol/messages.hpp"
#include "kiosk/seal/envelope.hpp"

namespace kiosk::hq {
namespace {

using nlohmann::json;

QuestionError refuse(QuestionRefusal refusal, std::string detail) {
  return {refusal, {HqErrc::BadInput, std::move(detail)}};
}

json decisions_json(std::span<const consent::ItemDecision> decisions) {
  json out = json::array();
  for (const auto& decision : decisions) {
    out.push_back({{"item", decision.item_id}, {"decision", consent::to_string(decision.decision)}});
  }
  return out;
}

}  // namespace

std::string_view to_string(QuestionRefusal refusal) {
  switch (refusal) {
    case QuestionRefusal::Malformed: return "malformed";
    case QuestionRefusal::CannotOpen: return "request-cannot-open";
    case QuestionRefusal::WrongKiosk: return "wrong-kiosk";
    case QuestionRefusal::Storage: return "storage";
  }
  return "question-refused";
}

Expected<std::string, QuestionError> answer_client_state(HeadOffice& head_office, std::string_view kiosk_id,
                                                         std::string_view request_body) {
  auto sealed = protocol::parse_client_state_request_body(request_body);
  if (!sealed)
    return fail(refuse(QuestionRefusal::Malformed, "client-state request: " + sealed.error().field));
  auto opened = seal::open_from_kiosk(*sealed, *head_office.box_keys().current());
  if (!opened)
    return fail(refuse(QuestionRefusal::CannotOpen, std::string(seal::to_string(opened.error().code))));
  auto question = protocol::parse_client_state_question(*opened);
  seal::wipe_bytes(opened->data(), opened->size());
  if (!question)
    return fail(refuse(QuestionRefusal::Malformed, "client-state question: " + question.error().field));
  if (question->kiosk_id != kiosk_id) {
    return fail(refuse(QuestionRefusal::WrongKiosk, "the sealed question names another kiosk"));
  }
  const std::string client_key =
      head_office.secrets().clients.key_for(question->issuer, question->document_number);
  seal::wipe_bytes(question->document_number.data(), question->document_number.size());
  auto rows = head_office.storage().client_records(client_key);
  if (!rows) return fail(QuestionError{QuestionRefusal::Storage, rows.error()});

  protocol::ClientStateAnswer answer;
  answer.nonce = question->nonce;
  answer.known = !rows->empty();
  for (auto& row : *rows) answer.records.push_back(std::move(row.ledger_json));
  answer.as_of = consent::format_utc(head_office.clock().now());
  return protocol::signed_client_state_answer(answer, head_office.secrets().identity);
}

Expected<std::string, HqError> client_report(HeadOffice& head_office, const consent::ConsentModel& model,
                                             std::string_view issuer, std::string_view document_number) {
  const std::string client_key = head_office.secrets().clients.key_for(issuer, document_number);
  auto rows = head_office.storage().client_records(client_key);
  if (!rows) return fail(rows.error());

  std::vector<consent::ConsentRecord> history;
  json entries = json::array();
  for (const ClientRecordRow& row : *rows) {
    auto record = consent::parse_ledger_json(row.ledger_json);
    if (!record) {
      return fail(HqError{HqErrc::Storage,
                          "stored record " + row.record_id + " does not parse: " + record.error().detail});
    }
    history.push_back(*record);
    entries.push_back({{"kiosk_id", row.kiosk_id},
                       {"record_id", row.record_id},
                       {"received_at", row.received_at},
                       {"record", json::parse(row.ledger_json)}});
  }
  const consent::CurrentConsent current = consent::derive_current_state(model, history, issuer);
  json state = {{"decisions", decisions_json(current.decisions)},
                {"needs_review", current.needs_review},
                {"policy_version", model.version()}};
  if (current.policy_version_seen) state["policy_version_seen"] = *current.policy_version_seen;
  if (current.agent) {
    state["agent"] = {{"document", consent::to_string(current.agent->document)},
                      {"identity_checked", current.agent->identity_checked},
                      {"checked_by", current.agent->checked_by}};
  }
  const json report = {{"ok", true},
                       {"known", !history.empty()},
                       {"client_key", client_key},
                       {"current", std::move(state)},
                       {"history", std::move(entries)}};
  return report.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace kiosk::hq
