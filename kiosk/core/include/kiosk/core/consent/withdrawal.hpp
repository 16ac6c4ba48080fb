#pragma once
// What a withdrawal would take back, said before the client confirms it, and the rule that keeps
// a session on an expired card to taking consents back.

#include <string>
#include <vector>

#include "kiosk/core/consent/consent_model.hpp"
#include "kiosk/core/consent/consent_rules.hpp"

namespace kiosk::consent {

struct WithdrawalConsequences {
  // The items now granted that the withdrawal turns off, in the model's order.
  std::vector<std::string> consents_ending;
  // An agent's authority is on record and ends with the withdrawal.
  bool agent_authority_ends = false;
};

// Read from the state on record (not unsaved changes): that is what the withdrawal replaces.
WithdrawalConsequences withdrawal_consequences(const ConsentModel& model, const CurrentConsent& current);

// True when `record` grants nothing the client may refuse: required items stay on and notices
// acknowledged, but every consent is off. A card that has expired proves no identity good enough
// to give consent, only to take it back.
bool grants_no_consent(const ConsentModel& model, const ConsentRecord& record);

}  // namespace kiosk::consent
