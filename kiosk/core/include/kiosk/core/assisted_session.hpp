#pragma once
// An associate's assisted session, beside the client's: who assists, and the steps only an
// associate may take with the client present (recording an authorized agent or legal
// representative, an access request by the client or their agent with how it is answered).
// KioskSession owns one and turns its finished steps into records; this holds the state between
// touches, the agent's card included, and wipes it the moment the step or the session ends.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/core/identity/id_document.hpp"
#include "kiosk/core/language.hpp"

namespace kiosk {

enum class AssistedStep {
  None,            // the client's own screens, with the associate's strip
  AgentScan,       // waiting for the agent's ID barcode
  AgentAuthority,  // the agent's card is read: which document gives them authority, and checked?
  AccessRequest,   // who asks for the client's information, and how the answer is delivered
};

std::string_view to_string(AssistedStep step);

namespace assisted_action {
struct AddAgent {};
struct ChooseDocument {
  consent::AuthorityDocument document;
};
// The associate saw the agent's ID and the authority document: record the agent.
struct ConfirmAgentChecked {};
// The same as the client's own "Ask for a copy" button: who asks, and how it is answered.
struct StartAccessRequest {};
struct ChooseRequester {
  bool agent;  // false: the client asks for themselves
};
struct ChooseDelivery {
  consent::AnswerDelivery delivery;
};
struct SendAccessRequest {};
// Leaves the step, forgetting what it held (an agent's card is wiped).
struct Back {};
// From the saved screen, back to the same client's choices for the next step.
struct ContinueWithClient {};
}  // namespace assisted_action

using AssistedAction = std::variant<
    assisted_action::AddAgent, assisted_action::ChooseDocument, assisted_action::ConfirmAgentChecked,
    assisted_action::StartAccessRequest, assisted_action::ChooseRequester, assisted_action::ChooseDelivery,
    assisted_action::SendAccessRequest, assisted_action::Back, assisted_action::ContinueWithClient>;

// Why an agent's card was refused: the same words and codes a client's card gets.
struct AgentCardRefusal {
  Bilingual message;
  std::string_view code;  // stable, for logs: never the card's content
};

class AssistedFlow {
 public:
  // The associate signed in and started it; empty `associate_id` is refused.
  void start(std::string associate_id);
  // Forgets everything: the associate, the step, the agent's card (wiped).
  void end() noexcept;
  bool active() const { return !associate_id_.empty(); }
  const std::string& associate_id() const { return associate_id_; }
  AssistedStep step() const { return step_; }

  void begin_agent();
  // `agent_on_record`: the client has an agent whose authority is on record, who may ask.
  void begin_access_request(bool agent_on_record);
  // Back to the client's screens; the step's state is dropped.
  void leave_step() noexcept;

  // The agent's card, on the agent-scan step: refused as a client's would be (unreadable, expired,
  // under the age of majority), and when it is `client`'s own card; else kept for the authority step.
  void on_agent_scan(std::span<const std::uint8_t> payload, std::chrono::year_month_day today,
                     const identity::IdDocument* client);
  void choose_document(consent::AuthorityDocument document);
  void choose_requester(bool agent);
  void choose_delivery(consent::AnswerDelivery delivery);

  // The agent's card while the authority step holds one.
  const identity::IdDocument* agent() const { return agent_.get(); }
  const std::optional<AgentCardRefusal>& agent_refusal() const { return agent_refusal_; }
  std::optional<consent::AuthorityDocument> document() const { return document_; }
  // The authority step is complete: a card and a document.
  bool agent_ready() const { return agent_ != nullptr && document_.has_value(); }
  bool agent_may_ask() const { return agent_may_ask_; }
  bool requester_is_agent() const { return requester_is_agent_; }
  std::optional<consent::AnswerDelivery> delivery() const { return delivery_; }

  // The agent's card, handed over with the designation to commit (the flow no longer holds it).
  std::unique_ptr<identity::IdDocument> take_agent();

 private:
  std::string associate_id_;
  AssistedStep step_ = AssistedStep::None;
  std::unique_ptr<identity::IdDocument> agent_;  // wipes itself when dropped
  std::optional<AgentCardRefusal> agent_refusal_;
  std::optional<consent::AuthorityDocument> document_;
  bool agent_may_ask_ = false;
  bool requester_is_agent_ = false;
  std::optional<consent::AnswerDelivery> delivery_;
};

}  // namespace kiosk
