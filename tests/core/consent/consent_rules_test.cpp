#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "consent_fixtures.hpp"
#include "kiosk/core/consent/consent_rules.hpp"

using namespace kiosk::consent;

namespace {

const SessionContext kAlone{kiosk::Language::English, Channel::Kiosk, {}};
const SessionContext kAssisted{kiosk::Language::French, Channel::Kiosk, {"assoc-7"}};

ConsentRecord must(kiosk::Expected<ConsentRecord, RuleError> record) {
  REQUIRE(record.has_value());
  return std::move(*record);
}

}  // namespace

TEST_CASE("a new client starts from the defaults: express consent off, implied and required on") {
  auto model = consent_fixtures::model();
  auto state = derive_current_state(model, {});
  CHECK(state.decision("service-account") == Decision::Granted);
  CHECK(state.decision("marketing-analysis") == Decision::Granted);
  CHECK(state.decision("share-third-party-marketers") == Decision::Refused);
  CHECK(state.decision("share-credit-check") == Decision::Refused);
  CHECK_FALSE(state.decision("right-access").has_value());  // a right is not a decision
  CHECK(state.needs_review);
  CHECK_FALSE(state.policy_version_seen.has_value());
}

TEST_CASE("the current state is derived from the history, the latest record winning") {
  auto model = consent_fixtures::model();
  std::vector<ConsentRecord> history;
  std::vector<ItemDecision> first = {{"share-third-party-marketers", Decision::Granted},
                                     {"marketing-analysis", Decision::Refused}};
  history.push_back(must(record_choices(model, derive_current_state(model, history), first, kAlone)));
  auto after_first = derive_current_state(model, history);
  CHECK(after_first.decision("share-third-party-marketers") == Decision::Granted);
  CHECK(after_first.decision("marketing-analysis") == Decision::Refused);
  CHECK_FALSE(after_first.needs_review);
  CHECK(after_first.policy_version_seen == model.version());

  std::vector<ItemDecision> second = {{"marketing-analysis", Decision::Granted}};
  history.push_back(must(record_choices(model, after_first, second, kAlone)));
  auto after_second = derive_current_state(model, history);
  CHECK(after_second.decision("marketing-analysis") == Decision::Granted);
  // Unmentioned items keep what the client chose before.
  CHECK(after_second.decision("share-third-party-marketers") == Decision::Granted);
  // Each record is a full snapshot: the second alone says everything.
  CHECK(history[1].decisions.size() == after_second.decisions.size());
}

TEST_CASE("withdrawal is one call and one record, as easy as giving, and spares only what is required") {
  auto model = consent_fixtures::model();
  std::vector<ItemDecision> grant_all = {{"share-third-party-marketers", Decision::Granted},
                                         {"share-credit-check", Decision::Granted}};
  std::vector<ConsentRecord> history{
      must(record_choices(model, derive_current_state(model, {}), grant_all, kAssisted))};
  CHECK(derive_current_state(model, history).decision("share-credit-check") == Decision::Granted);

  history.push_back(record_withdrawal(model, derive_current_state(model, history), kAlone));
  CHECK(history.back().kind == EventKind::Withdrawal);
  auto state = derive_current_state(model, history);
  CHECK(state.decision("share-third-party-marketers") == Decision::Refused);
  CHECK(state.decision("share-credit-check") == Decision::Refused);  // withdrawn without an associate
  CHECK(state.decision("marketing-analysis") == Decision::Refused);
  CHECK(state.decision("service-account") == Decision::Granted);
}

TEST_CASE("required items cannot be refused, rights cannot be ticked, unknown items are refused") {
  auto model = consent_fixtures::model();
  auto state = initial_state(model);
  std::vector<ItemDecision> refuse_required = {{"service-account", Decision::Refused}};
  auto required = record_choices(model, state, refuse_required, kAlone);
  REQUIRE_FALSE(required);
  CHECK(required.error().code == RuleErrc::RequiredItem);
  CHECK(required.error().message().fr.find("conseiller") != std::string_view::npos);

  std::vector<ItemDecision> tick_right = {{"right-access", Decision::Granted}};
  CHECK(record_choices(model, state, tick_right, kAlone).error().code == RuleErrc::NotADecision);
  std::vector<ItemDecision> unknown = {{"telepathy", Decision::Granted}};
  CHECK(record_choices(model, state, unknown, kAlone).error().code == RuleErrc::UnknownItem);
}

TEST_CASE("credit checks and agents need an associate, and an agent needs a checked identity") {
  auto model = consent_fixtures::model();
  auto state = initial_state(model);
  std::vector<ItemDecision> credit = {{"share-credit-check", Decision::Granted}};
  CHECK(record_choices(model, state, credit, kAlone).error().code == RuleErrc::NeedsAssociate);
  CHECK(record_choices(model, state, credit, kAssisted).has_value());

  std::vector<ItemDecision> agent_tick = {{"share-authorized-agent", Decision::Granted}};
  CHECK(record_choices(model, state, agent_tick, kAssisted).error().code == RuleErrc::AgentNotChecked);
  const AgentAuthority unchecked{AuthorityDocument::PowerOfAttorney, false, "assoc-7"};
  CHECK(record_agent_designation(model, state, unchecked, kAssisted).error().code ==
        RuleErrc::AgentNotChecked);
  const AgentAuthority checked{AuthorityDocument::PowerOfAttorney, true, "assoc-7"};
  CHECK(record_agent_designation(model, state, checked, kAlone).error().code == RuleErrc::NeedsAssociate);

  std::vector<ConsentRecord> history{must(record_agent_designation(model, state, checked, kAssisted))};
  auto with_agent = derive_current_state(model, history);
  CHECK(with_agent.decision("share-authorized-agent") == Decision::Granted);
  REQUIRE(with_agent.agent.has_value());
  CHECK(with_agent.agent->document == AuthorityDocument::PowerOfAttorney);
  // The agent may now ask for access on the client's behalf; without one on record, not.
  CHECK(record_access_request(model, with_agent, true, kAssisted).has_value());
  CHECK(record_access_request(model, state, true, kAssisted).error().code == RuleErrc::AgentNotChecked);

  // A later change of other choices keeps the agent; refusing the sharing ends their authority.
  std::vector<ItemDecision> other = {{"marketing-analysis", Decision::Refused}};
  history.push_back(must(record_choices(model, with_agent, other, kAlone)));
  CHECK(derive_current_state(model, history).agent.has_value());
  std::vector<ItemDecision> stop = {{"share-authorized-agent", Decision::Refused}};
  history.push_back(must(record_choices(model, derive_current_state(model, history), stop, kAlone)));
  CHECK_FALSE(derive_current_state(model, history).agent.has_value());
}

TEST_CASE("an access request changes no choice") {
  auto model = consent_fixtures::model();
  std::vector<ItemDecision> refuse = {{"marketing-analysis", Decision::Refused}};
  std::vector<ConsentRecord> history{must(record_choices(model, initial_state(model), refuse, kAlone))};
  history.push_back(must(record_access_request(model, derive_current_state(model, history), false, kAlone)));
  CHECK(history.back().kind == EventKind::AccessRequest);
  CHECK(derive_current_state(model, history).decision("marketing-analysis") == Decision::Refused);
}

TEST_CASE("a new policy version asks for review, a new express item starts off, old choices carry over") {
  auto old_model = consent_fixtures::model();
  std::vector<ItemDecision> grant = {{"share-third-party-marketers", Decision::Granted}};
  std::vector<ConsentRecord> history{
      must(record_choices(old_model, initial_state(old_model), grant, kAlone))};

  auto new_model = consent_fixtures::model(
      "," + consent_fixtures::item_json("location-offers", "purpose",
                                        R"("basis":"express-opt-in","default":false,)"));
  REQUIRE(new_model.version() != old_model.version());
  auto state = derive_current_state(new_model, history);
  CHECK(state.needs_review);
  CHECK(state.policy_version_seen == old_model.version());
  CHECK(state.decision("location-offers") == Decision::Refused);
  CHECK(state.decision("share-third-party-marketers") == Decision::Granted);
}

TEST_CASE("a carried-forward record restates the state so older history may go") {
  auto model = consent_fixtures::model();
  std::vector<ItemDecision> refuse = {{"marketing-analysis", Decision::Refused}};
  std::vector<ConsentRecord> history{must(record_choices(model, initial_state(model), refuse, kAlone))};
  auto before = derive_current_state(model, history);
  std::vector<ConsentRecord> pruned{record_carried_forward(before, model.version())};
  auto after = derive_current_state(model, pruned);
  CHECK(after.decisions == before.decisions);
  CHECK(after.policy_version_seen == before.policy_version_seen);
}

TEST_CASE("a notice starts acknowledged, stays acknowledged, and cannot be granted or refused") {
  auto model = consent_fixtures::model();
  auto state = initial_state(model);
  CHECK(state.decision("legal-retention") == Decision::Acknowledged);
  CHECK(state.decision("share-collections") == Decision::Acknowledged);
  for (Decision answer : {Decision::Granted, Decision::Refused}) {
    std::vector<ItemDecision> change = {{"share-collections", answer}};
    auto refused = record_choices(model, state, change, kAssisted);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == RuleErrc::NoticeOnly);
  }
  std::vector<ItemDecision> acknowledge_a_choice = {{"marketing-analysis", Decision::Acknowledged}};
  CHECK(record_choices(model, state, acknowledge_a_choice, kAlone).error().code == RuleErrc::NoticeOnly);

  // Every record restates the notices as acknowledged, withdrawal included.
  std::vector<ConsentRecord> history{record_withdrawal(model, state, kAlone)};
  CHECK(history.back().decisions.end() != std::find(history.back().decisions.begin(),
                                                    history.back().decisions.end(),
                                                    ItemDecision{"legal-retention", Decision::Acknowledged}));
  // An older record that called a notice "granted" does not turn it into a consent.
  ConsentRecord old = history.back();
  old.decisions = {{"legal-retention", Decision::Granted}};
  history.push_back(old);
  CHECK(derive_current_state(model, history).decision("legal-retention") == Decision::Acknowledged);
}

TEST_CASE("a credit check is asked apart from collections, and only with an associate") {
  auto model = consent_fixtures::model();
  auto state = initial_state(model);
  CHECK(state.decision("share-credit-check") == Decision::Refused);
  std::vector<ItemDecision> credit = {{"share-credit-check", Decision::Granted}};
  CHECK(record_choices(model, state, credit, kAlone).error().code == RuleErrc::NeedsAssociate);
  auto granted = must(record_choices(model, state, credit, kAssisted));
  std::vector<ConsentRecord> history{granted};
  auto after = derive_current_state(model, history);
  CHECK(after.decision("share-credit-check") == Decision::Granted);
  CHECK(after.decision("share-collections") == Decision::Acknowledged);
  CHECK(granted.session.presence.associate_id == "assoc-7");
}

TEST_CASE("privacy by default in Quebec: secondary uses start off for a Quebec card, on elsewhere") {
  auto model = consent_fixtures::model();
  CHECK(derive_current_state(model, {}, "QC").decision("marketing-analysis") == Decision::Refused);
  CHECK(derive_current_state(model, {}, "ON").decision("marketing-analysis") == Decision::Granted);
  CHECK(derive_current_state(model, {}).decision("marketing-analysis") == Decision::Granted);
  // A Quebec client's own yes is kept: the province sets the default, not the answer.
  std::vector<ItemDecision> yes = {{"marketing-analysis", Decision::Granted}};
  std::vector<ConsentRecord> history{must(record_choices(model, initial_state(model, "QC"), yes, kAlone))};
  CHECK(derive_current_state(model, history, "QC").decision("marketing-analysis") == Decision::Granted);
  // Express items are off everywhere; required items on everywhere.
  CHECK(initial_state(model, "QC").decision("share-third-party-marketers") == Decision::Refused);
  CHECK(initial_state(model, "QC").decision("service-account") == Decision::Granted);
}
