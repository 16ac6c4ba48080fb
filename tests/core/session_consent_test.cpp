// The consent half of the session: confirm, read, choose, and the handshake with the store.
#include <catch2/catch.hpp>

#include <string>

#include "kiosk/core/session.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

const char* kModel = R"({
  "format": 1, "policy": "Test policy",
  "items": [
    {"id": "account", "kind": "purpose", "basis": "required-for-service", "default": true,
     "title": {"en": "Account", "fr": "Compte"}, "text": {"en": "a", "fr": "a"}},
    {"id": "marketing", "kind": "purpose", "basis": "implied-opt-out", "default": true,
     "title": {"en": "Marketing", "fr": "Marketing"}, "text": {"en": "m", "fr": "m"}},
    {"id": "third-party", "kind": "sharing", "basis": "express-opt-in", "default": false,
     "title": {"en": "Third parties", "fr": "Tiers"}, "text": {"en": "t", "fr": "t"}},
    {"id": "credit", "kind": "sharing", "basis": "express-opt-in", "default": false, "requires_associate": true,
     "title": {"en": "Credit", "fr": "Crédit"}, "text": {"en": "c", "fr": "c"}},
    {"id": "access", "kind": "right", "title": {"en": "Access", "fr": "Accès"}, "text": {"en": "x", "fr": "x"}}
  ]})";

// An Ontario licence as a scanner delivers it: header, one DL subfile, CR terminator.
std::string licence() {
  std::string subfile =
      "DLDCAG\nDBA20300825\nDCSSINGH\nDACLUC\nDADMARTIN\nDBD20240709\nDBB19790613\nDAJON\nDAQN3170-66907-"
      "43915\nDCGCAN\r";
  char designator[16];
  std::snprintf(designator, sizeof designator, "DL%04d%04zu", 31, subfile.size());
  return std::string("@\n\x1e\rANSI 636012090001") + designator + subfile;
}

struct Fixture {
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  consent::ConsentModel model = *consent::parse_consent_model(kModel, "policy en", "politique fr");
  KioskSession session{clock, SessionSettings{Language::English, 60s, &model, {}}};

  void scan_and_confirm() {
    session.apply(action::Begin{});
    const std::string payload = licence();
    session.on_scan(std::span(reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size()));
    REQUIRE(session.screen() == Screen::ConfirmIdentity);
    session.apply(action::ConfirmIdentity{});
    REQUIRE(session.wants_client_state());
  }
  consent::Decision decision(const std::string& id) const {
    for (const auto& d : session.draft()) {
      if (d.item_id == id) return d.decision;
    }
    FAIL("no decision for " << id);
    return consent::Decision::Refused;
  }
};

}  // namespace

TEST_CASE("a new client reads the policy first and starts from privacy-by-default choices") {
  Fixture f;
  f.scan_and_confirm();
  f.session.provide_client_state(consent::initial_state(f.model));
  CHECK(f.session.screen() == Screen::Policy);
  f.session.apply(action::ContinueToChoices{});
  CHECK(f.session.screen() == Screen::Choices);
  CHECK(f.decision("marketing") == consent::Decision::Granted);
  CHECK(f.decision("third-party") == consent::Decision::Refused);
}

TEST_CASE("saving asks the app to commit exactly once, and Saved comes only after the commit") {
  Fixture f;
  f.scan_and_confirm();
  f.session.provide_client_state(consent::initial_state(f.model));
  f.session.apply(action::ContinueToChoices{});
  f.session.apply(action::SetDecision{"marketing", consent::Decision::Refused});
  f.session.apply(action::SaveChoices{});
  f.session.apply(action::SaveChoices{});  // an impatient second touch
  auto pending = f.session.take_pending_record();
  REQUIRE(pending.has_value());
  CHECK_FALSE(f.session.take_pending_record().has_value());
  CHECK(f.session.screen() == Screen::Choices);  // not "saved" before the store says so
  CHECK(pending->record.policy_version == f.model.version());
  bool marketing_refused = false;
  for (const auto& d : pending->record.decisions) {
    if (d.item_id == "marketing") marketing_refused = d.decision == consent::Decision::Refused;
  }
  CHECK(marketing_refused);
  pending->record.id = "r1";
  f.session.on_record_saved(pending->record);
  CHECK(f.session.screen() == Screen::Saved);
  REQUIRE(f.session.saved_record().has_value());
  CHECK(f.session.saved_record()->id == "r1");
}

TEST_CASE("a required purpose cannot be turned off, and credit checks need an associate") {
  Fixture f;
  f.scan_and_confirm();
  f.session.provide_client_state(consent::initial_state(f.model));
  f.session.apply(action::ContinueToChoices{});
  f.session.apply(action::SetDecision{"account", consent::Decision::Refused});
  CHECK(f.decision("account") == consent::Decision::Granted);
  f.session.apply(action::SetDecision{"credit", consent::Decision::Granted});
  CHECK(f.decision("credit") == consent::Decision::Refused);
  REQUIRE(f.session.notice().has_value());
  CHECK_FALSE(f.session.notice()->fr.empty());
}

TEST_CASE("a returning client under the same policy goes straight to their choices") {
  Fixture f;
  f.scan_and_confirm();
  consent::CurrentConsent returning = consent::initial_state(f.model);
  returning.needs_review = false;
  returning.policy_version_seen = f.model.version();
  f.session.provide_client_state(returning);
  CHECK(f.session.screen() == Screen::Choices);
}

TEST_CASE("withdrawing everything is one touch and a confirmation, and refuses every refusable item") {
  Fixture f;
  f.scan_and_confirm();
  f.session.provide_client_state(consent::initial_state(f.model));
  f.session.apply(action::ContinueToChoices{});
  f.session.apply(action::WithdrawAll{});
  f.session.apply(action::ConfirmWithdrawal{});
  auto pending = f.session.take_pending_record();
  REQUIRE(pending.has_value());
  CHECK(pending->record.kind == consent::EventKind::Withdrawal);
  for (const auto& d : pending->record.decisions) {
    if (d.item_id == "marketing" || d.item_id == "third-party")
      CHECK(d.decision == consent::Decision::Refused);
  }
}

TEST_CASE("a failed commit takes the kiosk out of service and forgets the client") {
  Fixture f;
  f.scan_and_confirm();
  f.session.provide_client_state(consent::initial_state(f.model));
  f.session.apply(action::ContinueToChoices{});
  f.session.apply(action::SaveChoices{});
  REQUIRE(f.session.take_pending_record().has_value());
  f.session.on_record_failed({"disk full", "disque plein"});
  CHECK(f.session.screen() == Screen::OutOfService);
  CHECK(f.session.identity() == nullptr);
  CHECK(f.session.out_of_service_reason().en == "disk full");
}

TEST_CASE("the session forgets the client's identity and choices when it clears itself") {
  Fixture f;
  f.scan_and_confirm();
  f.session.provide_client_state(consent::initial_state(f.model));
  f.clock.advance(61s);
  CHECK(f.session.tick());
  CHECK(f.session.identity() == nullptr);
  CHECK(f.session.draft().empty());
  CHECK_FALSE(f.session.client_state().has_value());
}
