#pragma once
// What a client may choose and what their choices are now. Pure functions: the state is derived
// from the record history every time, never stored on its own.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kiosk/core/consent/consent_model.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/core/language.hpp"

namespace kiosk::consent {

struct CurrentConsent {
  // One entry per decision item of the model, in the model's order.
  std::vector<ItemDecision> decisions;
  // The policy version the client last chose under; empty for a client never seen.
  std::optional<std::string> policy_version_seen;
  std::optional<AgentAuthority> agent;
  // A new client, or the policy changed since they last chose: show them the policy again.
  bool needs_review = true;

  std::optional<Decision> decision(std::string_view item_id) const;
};

enum class RuleErrc {
  UnknownItem,      // not in this policy version
  NotADecision,     // a right is asked for, not granted
  RequiredItem,     // the service cannot run without it
  NoticeOnly,       // needs no consent: it is acknowledged, never granted or refused
  NeedsAssociate,   // credit checks and agents are set up with an associate
  AgentNotChecked,  // an agent's identity must be checked before they are recorded
};

std::string_view to_string(RuleErrc code);

struct RuleError {
  RuleErrc code;
  std::string item_id;
  // What the person at the kiosk reads.
  Bilingual message() const;
};

// The answer an item has before the client says anything, for a client whose card was issued by
// `province` (empty: unknown): notices acknowledged, required and implied items on, express
// items off, and secondary uses off where the province makes privacy the default.
Decision default_decision(const ConsentItem& item, std::string_view province = {});

// The defaults for a client never seen.
CurrentConsent initial_state(const ConsentModel& model, std::string_view province = {});

// Folds the history (oldest first) over the model's defaults. Decisions on items the model no
// longer has are ignored; items new to the model take their defaults, so an express item added
// in a later policy version starts off for everyone.
CurrentConsent derive_current_state(const ConsentModel& model, std::span<const ConsentRecord> history,
                                    std::string_view province = {});

// Head office's records of a client and this kiosk's own as one history: each record once (by
// id), oldest first. Head office's copy of a record wins; a record it has not received yet (still
// in this kiosk's outbox) is kept, so a choice made here a minute ago is never forgotten.
std::vector<ConsentRecord> merge_histories(std::vector<ConsentRecord> head_office,
                                           std::span<const ConsentRecord> this_kiosk);

// Applies the client's changes to their current state. Unmentioned items keep their value.
Expected<ConsentRecord, RuleError> record_choices(const ConsentModel& model, const CurrentConsent& current,
                                                  std::span<const ItemDecision> changes,
                                                  const SessionContext& session);

// Every item the client may refuse goes off, and any agent's authority ends: one call, as
// easy as giving.
ConsentRecord record_withdrawal(const ConsentModel& model, const CurrentConsent& current,
                                const SessionContext& session);

// Queued for head office. An agent may ask on the client's behalf only if their authority is on
// record (checked in an assisted session).
Expected<ConsentRecord, RuleError> record_access_request(const ConsentModel& model,
                                                         const CurrentConsent& current, bool by_agent,
                                                         const SessionContext& session);

// An associate has checked the agent's identity and authority document: sharing with the agent
// is granted with it.
Expected<ConsentRecord, RuleError> record_agent_designation(const ConsentModel& model,
                                                            const CurrentConsent& current,
                                                            const AgentAuthority& authority,
                                                            const SessionContext& session);

// Restates the current state (under the policy version the client last chose under), so that
// older history can be pruned without losing what the client chose.
ConsentRecord record_carried_forward(const CurrentConsent& current, const std::string& model_version);

}  // namespace kiosk::consent
