#include "kiosk/core/assisted_session.hpp"

#include "kiosk/core/identity/aamva_parser.hpp"
#include "kiosk/core/identity/age_of_majority.hpp"
#include "kiosk/core/session.hpp"

namespace kiosk {

std::string_view to_string(AssistedStep step) {
  switch (step) {
    case AssistedStep::None: return "none";
    case AssistedStep::AgentScan: return "agent-scan";
    case AssistedStep::AgentAuthority: return "agent-authority";
    case AssistedStep::AccessRequest: return "access-request";
  }
  return "unknown";
}

void AssistedFlow::start(std::string associate_id) {
  end();
  associate_id_ = std::move(associate_id);
}

void AssistedFlow::end() noexcept {
  leave_step();
  associate_id_.clear();
}

void AssistedFlow::leave_step() noexcept {
  step_ = AssistedStep::None;
  agent_.reset();
  agent_refusal_.reset();
  document_.reset();
  agent_may_ask_ = false;
  requester_is_agent_ = false;
  delivery_.reset();
}

void AssistedFlow::begin_agent() {
  if (!active()) return;
  leave_step();
  step_ = AssistedStep::AgentScan;
}

void AssistedFlow::begin_access_request(bool agent_on_record) {
  if (!active()) return;
  leave_step();
  agent_may_ask_ = agent_on_record;
  step_ = AssistedStep::AccessRequest;
}

void AssistedFlow::on_agent_scan(std::span<const std::uint8_t> payload, std::chrono::year_month_day today,
                                 const identity::IdDocument* client) {
  if (step_ != AssistedStep::AgentScan) return;
  auto refuse = [this](ScanRefusal refusal) {
    agent_refusal_ = AgentCardRefusal{refusal.message(), refusal.code()};
  };
  auto parsed = identity::parse_aamva(payload, today);
  if (!parsed) return refuse({ScanRefusal::Reason::Unreadable, parsed.error().code, 0});
  if (parsed->expired) return refuse({ScanRefusal::Reason::Expired, {}, 0});
  // An agent acts for someone else: they must be of age where their card was issued.
  if (!identity::has_reached_majority(*parsed->date_of_birth, parsed->issuer, today)) {
    return refuse({ScanRefusal::Reason::UnderAge, {}, identity::age_of_majority(parsed->issuer)});
  }
  // A client cannot be their own agent: the second card must be someone else's.
  if (client != nullptr && client->issuer == parsed->issuer &&
      client->document_number == parsed->document_number) {
    agent_refusal_ = AgentCardRefusal{{"This is the client’s own card. Please scan the agent’s card.",
                                       "C’est la carte du client. Veuillez balayer la carte du mandataire."},
                                      "client-card"};
    return;
  }
  agent_refusal_.reset();
  agent_ = std::make_unique<identity::IdDocument>(std::move(parsed).value());
  step_ = AssistedStep::AgentAuthority;
}

void AssistedFlow::choose_document(consent::AuthorityDocument document) {
  if (step_ == AssistedStep::AgentAuthority) document_ = document;
}

void AssistedFlow::choose_requester(bool agent) {
  if (step_ == AssistedStep::AccessRequest && (!agent || agent_may_ask_)) requester_is_agent_ = agent;
}

void AssistedFlow::choose_delivery(consent::AnswerDelivery delivery) {
  if (step_ == AssistedStep::AccessRequest) delivery_ = delivery;
}

std::unique_ptr<identity::IdDocument> AssistedFlow::take_agent() {
  return std::move(agent_);
}

}  // namespace kiosk
