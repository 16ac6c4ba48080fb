#include "kiosk/core/consent/consent_rules.hpp"

#include <algorithm>

#include "kiosk/text/kiosk_text.hpp"

namespace kiosk::consent {
namespace {

ItemDecision* find_decision(std::vector<ItemDecision>& decisions, std::string_view id) {
  auto it = std::find_if(decisions.begin(), decisions.end(), [&](const auto& d) { return d.item_id == id; });
  return it == decisions.end() ? nullptr : &*it;
}

ConsentRecord new_record(EventKind kind, const ConsentModel& model, std::vector<ItemDecision> decisions,
                         const SessionContext& session) {
  ConsentRecord record;
  record.kind = kind;
  record.policy_version = model.version();
  record.decisions = std::move(decisions);
  record.session = session;
  return record;
}

constexpr std::string_view kAgentSharing = "share-authorized-agent";

}  // namespace

std::string_view to_string(RuleErrc code) {
  switch (code) {
    case RuleErrc::UnknownItem: return "consent-unknown-item";
    case RuleErrc::NotADecision: return "consent-not-a-decision";
    case RuleErrc::RequiredItem: return "consent-required-item";
    case RuleErrc::NoticeOnly: return "consent-notice-only";
    case RuleErrc::NeedsAssociate: return "consent-needs-associate";
    case RuleErrc::AgentNotChecked: return "consent-agent-not-checked";
  }
  return "consent-error";
}

Bilingual RuleError::message() const {
  switch (code) {
    case RuleErrc::UnknownItem: return text::consent_rules::unknown_item;
    case RuleErrc::NotADecision: return text::consent_rules::not_a_decision;
    case RuleErrc::RequiredItem: return text::consent_rules::required_item;
    case RuleErrc::NoticeOnly: return text::consent_rules::notice_only;
    case RuleErrc::NeedsAssociate: return text::consent_rules::needs_associate;
    case RuleErrc::AgentNotChecked: return text::consent_rules::agent_not_checked;
  }
  return text::consent_rules::cannot_record;
}

std::optional<Decision> CurrentConsent::decision(std::string_view item_id) const {
  for (const auto& d : decisions) {
    if (d.item_id == item_id) return d.decision;
  }
  return std::nullopt;
}

Decision default_decision(const ConsentItem& item, std::string_view province) {
  if (item.is_notice()) return Decision::Acknowledged;
  return item.default_for(province) ? Decision::Granted : Decision::Refused;
}

CurrentConsent initial_state(const ConsentModel& model, std::string_view province) {
  CurrentConsent state;
  for (const auto& item : model.items()) {
    if (!item.is_decision()) continue;
    state.decisions.push_back({item.id, default_decision(item, province)});
  }
  return state;
}

CurrentConsent derive_current_state(const ConsentModel& model, std::span<const ConsentRecord> history,
                                    std::string_view province) {
  CurrentConsent state = initial_state(model, province);
  for (const auto& record : history) {
    if (record.kind == EventKind::AccessRequest) continue;  // asks for something; changes no choice
    for (const auto& d : record.decisions) {
      const ConsentItem* item = model.find(d.item_id);
      // A required item stays granted and a notice acknowledged whatever an older record says
      // (older policy versions recorded notices as granted): neither is a choice.
      if (item == nullptr || !item->client_may_refuse() || d.decision == Decision::Acknowledged) continue;
      if (auto* slot = find_decision(state.decisions, d.item_id)) slot->decision = d.decision;
    }
    state.policy_version_seen = record.policy_version;
    // Every state-setting record carries the agent's authority while it lasts.
    state.agent = record.agent;
  }
  // An agent acts for the client only while the client lets us share with them.
  if (state.decision(kAgentSharing) != Decision::Granted) state.agent.reset();
  state.needs_review = state.policy_version_seen != model.version();
  return state;
}

std::vector<ConsentRecord> merge_histories(std::vector<ConsentRecord> head_office,
                                           std::span<const ConsentRecord> this_kiosk) {
  std::vector<ConsentRecord> merged = std::move(head_office);
  for (const auto& record : this_kiosk) {
    const bool known =
        std::any_of(merged.begin(), merged.end(), [&](const ConsentRecord& r) { return r.id == record.id; });
    if (!known) merged.push_back(record);
  }
  // Time decides the order across kiosks; the id only breaks ties, so the order is the same at
  // every kiosk that merges the same records.
  std::stable_sort(merged.begin(), merged.end(), [](const ConsentRecord& a, const ConsentRecord& b) {
    return a.recorded_at != b.recorded_at ? a.recorded_at < b.recorded_at : a.id < b.id;
  });
  return merged;
}

Expected<ConsentRecord, RuleError> record_choices(const ConsentModel& model, const CurrentConsent& current,
                                                  std::span<const ItemDecision> changes,
                                                  const SessionContext& session) {
  std::vector<ItemDecision> decisions = current.decisions;
  for (const auto& change : changes) {
    const ConsentItem* item = model.find(change.item_id);
    if (item == nullptr) return fail(RuleError{RuleErrc::UnknownItem, change.item_id});
    if (!item->is_decision()) return fail(RuleError{RuleErrc::NotADecision, change.item_id});
    if (item->is_notice() != (change.decision == Decision::Acknowledged)) {
      return fail(RuleError{RuleErrc::NoticeOnly, change.item_id});
    }
    if (!item->client_may_refuse() && change.decision == Decision::Refused) {
      return fail(RuleError{RuleErrc::RequiredItem, change.item_id});
    }
    auto* slot = find_decision(decisions, change.item_id);
    const bool granting = change.decision == Decision::Granted && slot->decision != Decision::Granted;
    if (granting && item->requires_associate && !session.presence.assisted()) {
      return fail(RuleError{RuleErrc::NeedsAssociate, change.item_id});
    }
    // Sharing with an agent starts with the agent's designation, never with a bare tick.
    if (granting && change.item_id == kAgentSharing && !current.agent) {
      return fail(RuleError{RuleErrc::AgentNotChecked, change.item_id});
    }
    slot->decision = change.decision;
  }
  ConsentRecord record = new_record(EventKind::Choices, model, std::move(decisions), session);
  // Each record restates the whole state, agent included, so that it stands alone.
  if (current.agent &&
      record.decisions.end() != std::find(record.decisions.begin(), record.decisions.end(),
                                          ItemDecision{std::string(kAgentSharing), Decision::Granted})) {
    record.agent = current.agent;
  }
  return record;
}

ConsentRecord record_withdrawal(const ConsentModel& model, const CurrentConsent& current,
                                const SessionContext& session) {
  std::vector<ItemDecision> decisions = current.decisions;
  for (auto& d : decisions) {
    const ConsentItem* item = model.find(d.item_id);
    if (item != nullptr && item->client_may_refuse()) d.decision = Decision::Refused;
  }
  return new_record(EventKind::Withdrawal, model, std::move(decisions), session);
}

Expected<ConsentRecord, RuleError> record_access_request(const ConsentModel& model,
                                                         const CurrentConsent& current, bool by_agent,
                                                         const SessionContext& session) {
  ConsentRecord record = new_record(EventKind::AccessRequest, model, {}, session);
  if (by_agent) {
    if (!current.agent || !current.agent->identity_checked) {
      return fail(RuleError{RuleErrc::AgentNotChecked, std::string(kAgentSharing)});
    }
    if (!session.presence.assisted()) return fail(RuleError{RuleErrc::NeedsAssociate, "right-access"});
    record.agent = current.agent;
  }
  return record;
}

Expected<ConsentRecord, RuleError> record_agent_designation(const ConsentModel& model,
                                                            const CurrentConsent& current,
                                                            const AgentAuthority& authority,
                                                            const SessionContext& session) {
  if (model.find(kAgentSharing) == nullptr)
    return fail(RuleError{RuleErrc::UnknownItem, std::string(kAgentSharing)});
  if (!session.presence.assisted())
    return fail(RuleError{RuleErrc::NeedsAssociate, std::string(kAgentSharing)});
  if (!authority.identity_checked || authority.checked_by.empty()) {
    return fail(RuleError{RuleErrc::AgentNotChecked, std::string(kAgentSharing)});
  }
  std::vector<ItemDecision> decisions = current.decisions;
  find_decision(decisions, kAgentSharing)->decision = Decision::Granted;
  ConsentRecord record = new_record(EventKind::AgentDesignation, model, std::move(decisions), session);
  record.agent = authority;
  return record;
}

ConsentRecord record_carried_forward(const CurrentConsent& current, const std::string& model_version) {
  ConsentRecord record;
  record.kind = EventKind::CarriedForward;
  record.policy_version = current.policy_version_seen.value_or(model_version);
  record.decisions = current.decisions;
  record.agent = current.agent;
  return record;
}

}  // namespace kiosk::consent
