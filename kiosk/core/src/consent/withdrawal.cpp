#include "kiosk/core/consent/withdrawal.hpp"

#include <algorithm>

namespace kiosk::consent {

WithdrawalConsequences withdrawal_consequences(const ConsentModel& model, const CurrentConsent& current) {
  WithdrawalConsequences consequences;
  for (const ConsentItem& item : model.items()) {
    if (item.client_may_refuse() && current.decision(item.id) == Decision::Granted) {
      consequences.consents_ending.push_back(item.id);
    }
  }
  consequences.agent_authority_ends = current.agent.has_value();
  return consequences;
}

bool grants_no_consent(const ConsentModel& model, const ConsentRecord& record) {
  if (record.agent) return false;
  return std::none_of(record.decisions.begin(), record.decisions.end(), [&](const ItemDecision& d) {
    const ConsentItem* item = model.find(d.item_id);
    // An item the model does not know is not trusted to be harmless.
    return d.decision == Decision::Granted && (item == nullptr || item->client_may_refuse());
  });
}

}  // namespace kiosk::consent
