// Withdrawing asks first and says what ends; an expired card may see and withdraw its choices,
// never grant one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "aamva_payload_builder.hpp"
#include "consent/consent_fixtures.hpp"
#include "kiosk/core/consent/withdrawal.hpp"
#include "kiosk/core/session.hpp"

using namespace kiosk;
using namespace std::chrono_literals;
using consent::Decision;

namespace {

struct Fixture {
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  consent::ConsentModel model = consent_fixtures::model();
  KioskSession session{clock, SessionSettings{Language::English, 60s, &model, {}}};

  // `expiry` as the card writes it (CCYYMMDD); the scan date is 2026-11-28.
  void scan_and_confirm(const std::string& expiry = "20300412") {
    session.apply(action::Begin{});
    session.on_scan(testing::as_bytes(testing::canadian_card().set("DBA", expiry).build()));
    REQUIRE(session.screen() == Screen::ConfirmIdentity);
    session.apply(action::ConfirmIdentity{});
    REQUIRE(session.wants_client_state());
  }
  // A returning client who said yes to third-party marketers under this policy.
  consent::CurrentConsent returning_state() const {
    consent::CurrentConsent state = consent::initial_state(model);
    for (auto& d : state.decisions) {
      if (d.item_id == "share-third-party-marketers") d.decision = Decision::Granted;
    }
    state.policy_version_seen = model.version();
    state.needs_review = false;
    return state;
  }
};

Decision decision_in(const consent::ConsentRecord& record, const std::string& id) {
  auto it = std::find_if(record.decisions.begin(), record.decisions.end(),
                         [&](const consent::ItemDecision& d) { return d.item_id == id; });
  REQUIRE(it != record.decisions.end());
  return it->decision;
}

}  // namespace

TEST_CASE("withdrawing shows its consequences first and writes nothing until confirmed") {
  Fixture f;
  f.scan_and_confirm();
  f.session.provide_client_state(f.returning_state());
  REQUIRE(f.session.screen() == Screen::Choices);
  f.session.apply(action::WithdrawAll{});
  CHECK(f.session.screen() == Screen::ConfirmWithdrawal);
  CHECK_FALSE(f.session.take_pending_record().has_value());
  const consent::WithdrawalConsequences shown = f.session.withdrawal_consequences();
  // Marketing analysis is on by default (implied) and the marketers were granted: both end.
  CHECK(shown.consents_ending ==
        std::vector<std::string>{"marketing-analysis", "share-third-party-marketers"});
  CHECK_FALSE(shown.agent_authority_ends);

  f.session.apply(action::ConfirmWithdrawal{});
  auto pending = f.session.take_pending_record();
  REQUIRE(pending.has_value());
  CHECK(pending->record.kind == consent::EventKind::Withdrawal);
  CHECK(decision_in(pending->record, "marketing-analysis") == Decision::Refused);
  CHECK(decision_in(pending->record, "share-third-party-marketers") == Decision::Refused);
  CHECK(decision_in(pending->record, "service-account") == Decision::Granted);
  CHECK(decision_in(pending->record, "legal-retention") == Decision::Acknowledged);
  pending->record.id = "w1";
  f.session.on_record_saved(pending->record);
  CHECK(f.session.screen() == Screen::Saved);
}

TEST_CASE("keeping my choices goes back to them with nothing written and the draft intact") {
  Fixture f;
  f.scan_and_confirm();
  f.session.provide_client_state(f.returning_state());
  f.session.apply(action::SetDecision{"marketing-analysis", Decision::Refused});
  f.session.apply(action::WithdrawAll{});
  REQUIRE(f.session.screen() == Screen::ConfirmWithdrawal);
  f.session.apply(action::KeepChoices{});
  CHECK(f.session.screen() == Screen::Choices);
  CHECK_FALSE(f.session.take_pending_record().has_value());
  CHECK_FALSE(f.session.waiting_for_store());
  // The unsaved change is still there to save.
  f.session.apply(action::SaveChoices{});
  auto pending = f.session.take_pending_record();
  REQUIRE(pending.has_value());
  CHECK(pending->record.kind == consent::EventKind::Choices);
  CHECK(decision_in(pending->record, "marketing-analysis") == Decision::Refused);
}

TEST_CASE("the consequences name an agent whose authority ends, and list nothing already off") {
  const consent::ConsentModel model = consent_fixtures::model();
  consent::CurrentConsent state = consent::initial_state(model, "QC");  // secondary uses start off
  for (auto& d : state.decisions) {
    if (d.item_id == "share-authorized-agent") d.decision = Decision::Granted;
  }
  state.agent = consent::AgentAuthority{consent::AuthorityDocument::PowerOfAttorney, true, "0042"};
  const auto shown = consent::withdrawal_consequences(model, state);
  CHECK(shown.consents_ending == std::vector<std::string>{"share-authorized-agent"});
  CHECK(shown.agent_authority_ends);

  const auto nothing = consent::withdrawal_consequences(model, consent::initial_state(model, "QC"));
  CHECK(nothing.consents_ending.empty());
  CHECK_FALSE(nothing.agent_authority_ends);
}

TEST_CASE("an expired card is accepted and goes straight to its choices, read-only") {
  Fixture f;
  f.scan_and_confirm("20250101");
  REQUIRE(f.session.card_expired());
  // A new client on an expired card: not even the policy first, since there is nothing to agree to.
  f.session.provide_client_state(consent::initial_state(f.model));
  CHECK(f.session.screen() == Screen::Choices);
  f.session.apply(action::SetDecision{"marketing-analysis", Decision::Refused});
  CHECK(f.session.notice().has_value());
  for (const auto& d : f.session.draft()) {
    if (d.item_id == "marketing-analysis") CHECK(d.decision == Decision::Granted);
  }
}

TEST_CASE("no record that grants a consent can come out of an expired-card session") {
  Fixture f;
  f.scan_and_confirm("20250101");
  f.session.provide_client_state(f.returning_state());
  REQUIRE(f.session.screen() == Screen::Choices);
  f.session.apply(action::SetDecision{"share-third-party-marketers", Decision::Granted});
  f.session.apply(action::SaveChoices{});
  CHECK_FALSE(f.session.take_pending_record().has_value());
  REQUIRE(f.session.notice().has_value());
  CHECK(f.session.notice()->en.find("valid card") != std::string::npos);
  f.session.apply(action::RequestAccess{});
  CHECK_FALSE(f.session.take_pending_record().has_value());

  f.session.apply(action::WithdrawAll{});
  REQUIRE(f.session.screen() == Screen::ConfirmWithdrawal);
  f.session.apply(action::ConfirmWithdrawal{});
  auto pending = f.session.take_pending_record();
  REQUIRE(pending.has_value());
  CHECK(pending->record.kind == consent::EventKind::Withdrawal);
  CHECK(consent::grants_no_consent(f.model, pending->record));
  CHECK(decision_in(pending->record, "share-third-party-marketers") == Decision::Refused);
}

TEST_CASE("a record grants no consent only when every refusable item is off and no agent rides on it") {
  const consent::ConsentModel model = consent_fixtures::model();
  consent::ConsentRecord record;
  record.decisions = consent::initial_state(model, "QC").decisions;
  CHECK(consent::grants_no_consent(model, record));  // required on, notices acknowledged: no consent
  record.agent = consent::AgentAuthority{};
  CHECK_FALSE(consent::grants_no_consent(model, record));
  record.agent.reset();
  record.decisions.push_back({"not-in-this-policy", Decision::Granted});
  CHECK_FALSE(consent::grants_no_consent(model, record));
  record.decisions = consent::initial_state(model).decisions;  // marketing analysis on by default
  CHECK_FALSE(consent::grants_no_consent(model, record));
}

TEST_CASE("a valid card after an expired one may grant again: the mode ends with the session") {
  Fixture f;
  f.scan_and_confirm("20250101");
  REQUIRE(f.session.card_expired());
  f.session.provide_client_state(consent::initial_state(f.model));
  f.session.apply(action::Cancel{});
  CHECK_FALSE(f.session.card_expired());
  f.scan_and_confirm();
  CHECK_FALSE(f.session.card_expired());
}
