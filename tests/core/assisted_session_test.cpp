// The associate's assisted session in the core: started from staff mode, the credit check it
// allows, an agent's card and authority turned into a designation, an access request with its
// delivery, and nothing of the client or the agent left once it ends.
#include <catch2/catch.hpp>

#include <string>

#include "kiosk/core/session.hpp"

using namespace kiosk;
using namespace std::chrono_literals;
namespace act = assisted_action;

namespace {

const char* kModel = R"({
  "format": 1, "policy": "Test policy",
  "items": [
    {"id": "account", "kind": "purpose", "basis": "required-for-service", "default": true,
     "title": {"en": "Account", "fr": "Compte"}, "text": {"en": "a", "fr": "a"}},
    {"id": "credit", "kind": "sharing", "basis": "express-opt-in", "default": false, "requires_associate": true,
     "title": {"en": "Credit", "fr": "Crédit"}, "text": {"en": "c", "fr": "c"}},
    {"id": "share-authorized-agent", "kind": "sharing", "basis": "express-opt-in", "default": false,
     "requires_associate": true,
     "title": {"en": "Agent", "fr": "Mandataire"}, "text": {"en": "g", "fr": "g"}},
    {"id": "access", "kind": "right", "title": {"en": "Access", "fr": "Accès"}, "text": {"en": "x", "fr": "x"}}
  ]})";

// An Ontario licence as a scanner delivers it, for a holder born on `birth` (CCYYMMDD), valid
// until `expiry`.
std::string licence(const std::string& family, const std::string& number,
                    const std::string& birth = "19790613", const std::string& expiry = "20300825") {
  std::string subfile = "DLDCAG\nDBA" + expiry + "\nDCS" + family + "\nDACLUC\nDADMARTIN\nDBD20240709\nDBB" +
                        birth + "\nDAJON\nDAQ" + number + "\nDCGCAN\r";
  char designator[16];
  std::snprintf(designator, sizeof designator, "DL%04d%04zu", 31, subfile.size());
  return std::string("@\n\x1e\rANSI 636012090001") + designator + subfile;
}

std::span<const std::uint8_t> bytes(const std::string& text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

struct Fixture {
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  consent::ConsentModel model = *consent::parse_consent_model(kModel, "policy en", "politique fr");
  KioskSession session{clock, SessionSettings{Language::English, 60s, &model, {}}};
  const std::string client_card = licence("SINGH", "N3170-66907-43915");
  const std::string agent_card = licence("OKAFOR", "K5521-10234-61208", "19700102");

  // The associate starts; the client scans, confirms, and lands on their choices.
  void start_with_client() {
    session.begin_assisted("0042", Language::French);
    REQUIRE(session.screen() == Screen::ScanId);
    session.on_scan(bytes(client_card));
    REQUIRE(session.screen() == Screen::ConfirmIdentity);
    session.apply(action::ConfirmIdentity{});
    session.provide_client_state(consent::initial_state(model));
    session.apply(action::ContinueToChoices{});
    REQUIRE(session.screen() == Screen::Choices);
  }
  consent::ConsentRecord commit() {
    auto pending = session.take_pending_record();
    REQUIRE(pending.has_value());
    pending->record.id = "record-" + std::to_string(++committed);
    session.on_record_saved(pending->record);
    REQUIRE(session.screen() == Screen::Saved);
    return pending->record;
  }
  int committed = 0;
};

}  // namespace

TEST_CASE("an assisted session names its associate in every record and lets the credit check be granted") {
  Fixture f;
  f.start_with_client();
  CHECK(f.session.language() == Language::French);
  CHECK(f.session.assisted().associate_id() == "0042");
  f.session.apply(action::SetDecision{"credit", consent::Decision::Granted});
  CHECK_FALSE(f.session.notice().has_value());
  f.session.apply(action::SaveChoices{});
  const consent::ConsentRecord saved = f.commit();
  CHECK(saved.session.presence.associate_id == "0042");
  CHECK(saved.decisions[1].item_id == "credit");
  CHECK(saved.decisions[1].decision == consent::Decision::Granted);
}

TEST_CASE("without an associate, the credit check is still refused") {
  Fixture f;
  f.session.apply(action::Begin{});
  f.session.on_scan(bytes(f.client_card));
  f.session.apply(action::ConfirmIdentity{});
  f.session.provide_client_state(consent::initial_state(f.model));
  f.session.apply(action::ContinueToChoices{});
  f.session.apply(action::SetDecision{"credit", consent::Decision::Granted});
  REQUIRE(f.session.notice().has_value());
  CHECK(f.session.draft()[1].decision == consent::Decision::Refused);
  // The assisted steps answer nobody outside an assisted session.
  f.session.apply(act::AddAgent{});
  CHECK(f.session.assisted().step() == AssistedStep::None);
}

TEST_CASE("an agent's card and checked authority become a designation that carries the card apart") {
  Fixture f;
  f.start_with_client();
  f.session.apply(act::AddAgent{});
  REQUIRE(f.session.assisted().step() == AssistedStep::AgentScan);
  // The agent's card goes to the assisted step, never over the client's identity.
  f.session.on_scan(bytes(f.agent_card));
  REQUIRE(f.session.assisted().step() == AssistedStep::AgentAuthority);
  REQUIRE(f.session.assisted().agent() != nullptr);
  CHECK(f.session.assisted().agent()->family_name == "OKAFOR");
  CHECK(f.session.identity()->family_name == "SINGH");
  f.session.apply(act::ConfirmAgentChecked{});  // no document chosen yet: nothing happens
  CHECK_FALSE(f.session.take_pending_record().has_value());
  f.session.apply(act::ChooseDocument{consent::AuthorityDocument::CourtOrder});
  f.session.apply(act::ConfirmAgentChecked{});
  auto pending = f.session.take_pending_record();
  REQUIRE(pending.has_value());
  CHECK(pending->record.kind == consent::EventKind::AgentDesignation);
  REQUIRE(pending->record.agent.has_value());
  CHECK(pending->record.agent->document == consent::AuthorityDocument::CourtOrder);
  CHECK(pending->record.agent->identity_checked);
  CHECK(pending->record.agent->checked_by == "0042");
  CHECK(pending->record.session.presence.associate_id == "0042");
  REQUIRE(pending->agent_identity != nullptr);
  CHECK(pending->agent_identity->document_number == "K5521-10234-61208");
  // The flow let go of the card: only the pending record holds it now.
  CHECK(f.session.assisted().agent() == nullptr);
  CHECK(f.session.assisted().step() == AssistedStep::None);
}

TEST_CASE("an agent's card is refused as a client's would be: unreadable, expired, under age") {
  Fixture f;
  f.start_with_client();
  f.session.apply(act::AddAgent{});
  f.session.on_scan(bytes(std::string("https://example.com/promo")));
  REQUIRE(f.session.assisted().agent_refusal().has_value());
  CHECK(f.session.assisted().step() == AssistedStep::AgentScan);
  f.session.on_scan(bytes(licence("OKAFOR", "K1", "19700102", "20200101")));
  CHECK(f.session.assisted().agent_refusal()->code == "expired");
  f.session.on_scan(bytes(licence("OKAFOR", "K1", "20100102")));
  CHECK(f.session.assisted().agent_refusal()->code == "under-age");
  CHECK(f.session.assisted().agent() == nullptr);
  f.session.on_scan(bytes(f.client_card));  // the client cannot be their own agent
  CHECK(f.session.assisted().agent_refusal()->code == "client-card");
  f.session.on_scan(bytes(f.agent_card));
  CHECK_FALSE(f.session.assisted().agent_refusal().has_value());
  f.session.apply(act::Back{});
  CHECK(f.session.assisted().agent() == nullptr);
  CHECK(f.session.screen() == Screen::Choices);
}

TEST_CASE("the agent asks for access once on record, and the request says how the answer is delivered") {
  Fixture f;
  f.start_with_client();
  // No agent yet: only the client may ask.
  f.session.apply(action::RequestAccess{});
  REQUIRE(f.session.assisted().step() == AssistedStep::AccessRequest);
  CHECK_FALSE(f.session.assisted().agent_may_ask());
  f.session.apply(act::ChooseRequester{true});
  CHECK_FALSE(f.session.assisted().requester_is_agent());
  f.session.apply(act::Back{});

  f.session.apply(act::AddAgent{});
  f.session.on_scan(bytes(f.agent_card));
  f.session.apply(act::ChooseDocument{consent::AuthorityDocument::PowerOfAttorney});
  f.session.apply(act::ConfirmAgentChecked{});
  f.commit();
  f.session.apply(act::ContinueWithClient{});
  REQUIRE(f.session.screen() == Screen::Choices);

  f.session.apply(action::RequestAccess{});
  REQUIRE(f.session.assisted().agent_may_ask());
  f.session.apply(act::ChooseRequester{true});
  f.session.apply(act::SendAccessRequest{});  // no delivery chosen: nothing is sent
  CHECK_FALSE(f.session.take_pending_record().has_value());
  f.session.apply(act::ChooseDelivery{consent::AnswerDelivery::Email});
  f.session.apply(act::SendAccessRequest{});
  const consent::ConsentRecord request = f.commit();
  CHECK(request.kind == consent::EventKind::AccessRequest);
  CHECK(request.delivery == consent::AnswerDelivery::Email);
  REQUIRE(request.agent.has_value());
  CHECK(request.agent->document == consent::AuthorityDocument::PowerOfAttorney);
  CHECK(request.session.presence.associate_id == "0042");
}

TEST_CASE("a step that would drop the client's unsaved choices asks to save them first") {
  Fixture f;
  f.start_with_client();
  f.session.apply(action::SetDecision{"credit", consent::Decision::Granted});
  f.session.apply(act::AddAgent{});
  CHECK(f.session.assisted().step() == AssistedStep::None);
  REQUIRE(f.session.notice().has_value());
  f.session.apply(action::RequestAccess{});
  CHECK(f.session.assisted().step() == AssistedStep::None);
  CHECK_FALSE(f.session.take_pending_record().has_value());
}

TEST_CASE("when the assisted session ends, by Done or by timeout, nothing of the client or agent is held") {
  for (bool timeout : {false, true}) {
    Fixture f;
    f.start_with_client();
    f.session.apply(act::AddAgent{});
    f.session.on_scan(bytes(f.agent_card));
    REQUIRE(f.session.assisted().agent() != nullptr);
    if (timeout) {
      f.clock.advance(61s);
      CHECK(f.session.tick());
    } else {
      f.session.apply(act::ChooseDocument{consent::AuthorityDocument::ParentOfMinor});
      f.session.apply(act::ConfirmAgentChecked{});
      f.commit();
      f.session.apply(action::Done{});
    }
    CHECK(f.session.screen() == Screen::Welcome);
    CHECK(f.session.identity() == nullptr);
    CHECK(f.session.assisted().agent() == nullptr);
    CHECK_FALSE(f.session.assisted().active());
    CHECK_FALSE(f.session.client_state().has_value());
    CHECK(f.session.take_assisted_ended() == "0042");
    CHECK_FALSE(f.session.take_assisted_ended().has_value());  // once
  }
}

TEST_CASE("an assisted session starts only from the welcome screen, and never without an associate") {
  Fixture f;
  f.session.begin_assisted("", Language::English);
  CHECK(f.session.screen() == Screen::Welcome);
  f.session.apply(action::Begin{});
  f.session.begin_assisted("0042", Language::English);  // a client's session is on screen
  CHECK(f.session.screen() == Screen::ScanId);
  CHECK_FALSE(f.session.assisted().active());
}
