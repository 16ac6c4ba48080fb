// A whole assisted session through the real kiosk window, headless: the associate signs in on
// the keypad and starts it, the client scans and confirms, a credit check is granted, an agent
// is recorded from their own card, and the agent asks for access. The database then holds the
// records and audit rows naming the associate, and nothing of the client's or agent's identity.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "headless_kiosk.hpp"
#include "kiosk/app/config_options.hpp"
#include "kiosk/app/demo_identity.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/seal/envelope.hpp"
#include "kiosk/store/audit_log.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/kiosk_keys.hpp"
#include "kiosk/store/staff_pins.hpp"
#include "kiosk/ui/kiosk_view.hpp"
#include "privacy_scan.hpp"

using namespace kiosk;

namespace {

constexpr const char* kAssociate = "0042";
constexpr const char* kPin = "482913";

std::filesystem::path database_of(const HeadlessKiosk& kiosk) {
  auto config = parse_kiosk_config(embedded_demo_config(), "embedded");
  REQUIRE(config.has_value());
  return store_options_for(*config, kiosk.shots / "data").database;
}

void enroll_associate(const HeadlessKiosk& kiosk) {
  auto db = store::open_service_database(database_of(kiosk));
  REQUIRE(db.has_value());
  REQUIRE(store::StaffPins(*db, kiosk.clock).enroll(kAssociate, staff::StaffRole::Associate, kPin, "test"));
}

void tap(HeadlessKiosk& kiosk, const std::string& id) {
  INFO("touch target " << id);
  REQUIRE(kiosk.app->tap_target(id));
}

void type(HeadlessKiosk& kiosk, std::string_view digits) {
  for (char digit : digits) tap(kiosk, std::string("staff.key.") + digit);
}

// The associate's number and PIN on the keypad, and the store's answer.
void sign_in(HeadlessKiosk& kiosk) {
  tap(kiosk, "staff.open");
  type(kiosk, kAssociate);
  tap(kiosk, "staff.key.ok");
  type(kiosk, kPin);
  tap(kiosk, "staff.key.ok");
  REQUIRE(kiosk.app->settle_store());
}

// The client's card, "Yes, this is me", and the policy read: their choices, with the associate.
void client_confirms(HeadlessKiosk& kiosk) {
  kiosk.app->deliver_scan(demo_licence_payload(kiosk.clock.today()));
  kiosk.app->frame();
  tap(kiosk, "confirm.yes");
  REQUIRE(kiosk.app->settle_store());
  if (kiosk.app->session().screen() == Screen::Policy) tap(kiosk, "policy.continue");
  REQUIRE(kiosk.app->session().screen() == Screen::Choices);
}

void settle_saved(HeadlessKiosk& kiosk) {
  REQUIRE(kiosk.app->settle_store());
  INFO("notice: " << kiosk.app->view_model().notice);
  REQUIRE(kiosk.app->session().screen() == Screen::Saved);
}

std::vector<consent::ConsentRecord> ledger(const HeadlessKiosk& kiosk) {
  auto db = store::open_service_database(database_of(kiosk));
  REQUIRE(db.has_value());
  auto statement = db->prepare("SELECT body FROM ledger ORDER BY seq");
  REQUIRE(statement.has_value());
  std::vector<consent::ConsentRecord> records;
  while (*statement->step()) {
    auto record = consent::parse_ledger_json(statement->column_text(0));
    REQUIRE(record.has_value());
    records.push_back(*record);
  }
  return records;
}

// Each outbox envelope opened as the demo head office opens it, in the order they were sealed.
std::vector<consent::EnvelopePayload> envelopes(const HeadlessKiosk& kiosk) {
  auto head_office = store::load_demo_head_office(database_of(kiosk));
  REQUIRE(head_office.has_value());
  seal::BoxKeyring ring;
  ring.add(*head_office);
  auto db = store::open_service_database(database_of(kiosk));
  REQUIRE(db.has_value());
  auto statement = db->prepare("SELECT envelope FROM outbox ORDER BY seq");
  REQUIRE(statement.has_value());
  std::vector<consent::EnvelopePayload> payloads;
  while (*statement->step()) {
    const auto sealed = statement->column_blob(0);
    auto opened = seal::open_envelope(sealed, ring);
    REQUIRE(opened.has_value());
    auto payload = consent::parse_envelope_json(opened->payload);
    REQUIRE(payload.has_value());
    payloads.push_back(*payload);
  }
  return payloads;
}

std::vector<store::AuditRow> audit(const HeadlessKiosk& kiosk) {
  auto db = store::open_service_database(database_of(kiosk));
  REQUIRE(db.has_value());
  auto rows = store::AuditLog(*db).rows();
  REQUIRE(rows.has_value());
  return *rows;
}

bool has_audit(const std::vector<store::AuditRow>& rows, std::string_view action,
               std::string_view detail_part) {
  return std::any_of(rows.begin(), rows.end(), [&](const store::AuditRow& row) {
    return row.actor == kAssociate && row.action == action &&
           row.detail.find(detail_part) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("an associate runs a whole assisted session with an agent, and the records name who assisted") {
  HeadlessKiosk kiosk;
  enroll_associate(kiosk);
  const auto today = kiosk.clock.today();

  sign_in(kiosk);
  REQUIRE(kiosk.app->staff().screen() == staff::StaffScreen::AssociateHome);
  tap(kiosk, "staff.start-assisted");
  CHECK_FALSE(kiosk.app->staff().active());
  REQUIRE(kiosk.app->session().screen() == Screen::ScanId);
  CHECK(kiosk.app->view_model().assisted.associate_id == kAssociate);
  CHECK(kiosk.app->target_rect("assisted.strip").has_value());

  // The client scans and confirms, as always.
  client_confirms(kiosk);

  // The credit check, refused to a client alone, is granted with the associate there.
  const auto footer = kiosk.app->target_rect("choices.save");
  REQUIRE(footer.has_value());
  REQUIRE(kiosk.app->scroll_into_view("choice.share-credit-check.yes", footer->y - 8));
  tap(kiosk, "choice.share-credit-check.yes");
  CHECK(kiosk.app->view_model().notice.empty());
  tap(kiosk, "choices.save");
  settle_saved(kiosk);
  CHECK(kiosk.app->target_rect("assisted.strip").has_value());  // the saved screen says who assisted
  tap(kiosk, "assisted.continue");
  REQUIRE(kiosk.app->session().screen() == Screen::Choices);

  // The agent's card, scanned through the same path; an expired one is refused first.
  tap(kiosk, "assisted.add-agent");
  REQUIRE(kiosk.app->session().assisted().step() == AssistedStep::AgentScan);
  kiosk.app->deliver_scan(demo_agent_licence_payload(today - std::chrono::years{3}));
  kiosk.app->frame();
  CHECK_FALSE(kiosk.app->view_model().assisted.agent_problem.empty());
  kiosk.app->deliver_scan(demo_agent_licence_payload(today));
  kiosk.app->frame();
  REQUIRE(kiosk.app->session().assisted().step() == AssistedStep::AgentAuthority);
  REQUIRE(kiosk.app->view_model().assisted.agent.has_value());
  CHECK(kiosk.app->view_model().assisted.agent->full_name == "GABRIEL OKAFOR");
  CHECK_FALSE(kiosk.app->target_rect("agent.confirm").has_value());  // no document chosen yet
  tap(kiosk, "agent.document.court-order");
  tap(kiosk, "agent.confirm");
  settle_saved(kiosk);
  CHECK(kiosk.app->session().assisted().agent() == nullptr);
  tap(kiosk, "assisted.continue");

  // The agent, now on record, asks for access; the answer is to be picked up in store.
  tap(kiosk, "assisted.access");
  REQUIRE(kiosk.app->session().assisted().step() == AssistedStep::AccessRequest);
  tap(kiosk, "access.by.agent");
  tap(kiosk, "access.delivery.in-store");
  tap(kiosk, "access.send");
  settle_saved(kiosk);
  tap(kiosk, "saved.done");
  REQUIRE(kiosk.app->settle_store());

  // Nothing of the client or the agent is left in the session's holders.
  CHECK(kiosk.app->session().screen() == Screen::Welcome);
  CHECK(kiosk.app->session().identity() == nullptr);
  CHECK(kiosk.app->session().assisted().agent() == nullptr);
  CHECK_FALSE(kiosk.app->session().assisted().active());
  CHECK_FALSE(kiosk.app->session().client_state().has_value());
  CHECK_FALSE(kiosk.app->view_model().assisted.agent.has_value());
  CHECK(kiosk.app->view_model().assisted.associate_id.empty());
  // The screen's copy of a name (the client's or the agent's) wipes itself when the model is rebuilt.
  static_assert(std::is_same_v<decltype(ui::ViewModel::IdentityShown::full_name), SensitiveText>,
                "a name drawn on screen is held as SensitiveText");

  const auto records = ledger(kiosk);
  REQUIRE(records.size() == 3);
  CHECK(records[0].kind == consent::EventKind::Choices);
  CHECK(records[1].kind == consent::EventKind::AgentDesignation);
  CHECK(records[2].kind == consent::EventKind::AccessRequest);
  for (const auto& record : records) CHECK(record.session.presence.associate_id == kAssociate);
  const auto credit = std::find(records[0].decisions.begin(), records[0].decisions.end(),
                                consent::ItemDecision{"share-credit-check", consent::Decision::Granted});
  CHECK(credit != records[0].decisions.end());
  REQUIRE(records[1].agent.has_value());
  CHECK(records[1].agent->document == consent::AuthorityDocument::CourtOrder);
  CHECK(records[1].agent->identity_checked);
  CHECK(records[1].agent->checked_by == kAssociate);
  REQUIRE(records[2].agent.has_value());
  CHECK(records[2].delivery == consent::AnswerDelivery::InStore);

  // Head office alone reads who the agent is: in the designation's sealed envelope.
  const auto sealed = envelopes(kiosk);
  REQUIRE(sealed.size() == 3);
  CHECK_FALSE(sealed[0].agent.has_value());
  REQUIRE(sealed[1].agent.has_value());
  CHECK(sealed[1].agent->family_name == "OKAFOR");
  CHECK(sealed[1].agent->id_number == "O4417-90317-10903");
  CHECK(sealed[1].record.agent->document == consent::AuthorityDocument::CourtOrder);
  CHECK(sealed[2].record.delivery == consent::AnswerDelivery::InStore);
  CHECK(sealed[2].client.family_name == "TREMBLAY");

  const auto rows = audit(kiosk);
  CHECK(has_audit(rows, "staff-login", ""));
  CHECK(has_audit(rows, "assisted-session-started", ""));
  CHECK(has_audit(rows, "consent-recorded", "choices"));
  CHECK(has_audit(rows, "consent-recorded", "authority court-order checked by 0042"));
  CHECK(has_audit(rows, "consent-recorded", "by agent delivery in-store"));
  CHECK(has_audit(rows, "assisted-session-ended", ""));

  // Neither the client's nor the agent's name, number or birth date is in the kiosk's files.
  const std::vector<consent::ClientIdentity> people = {
      {"QC", "T6521-170488-07", "TREMBLAY", "ÉLODIE MARIE", "1988-04-17"},
      {"ON", "O4417-90317-10903", "OKAFOR", "GABRIEL", "1971-09-03"}};
  CHECK(find_identity_leaks(kiosk.shots / "data", people).empty());
  for (const auto& line : kiosk.logger.lines()) {
    INFO(line.message);
    CHECK(line.message.find("OKAFOR") == std::string::npos);
    CHECK(line.message.find("O4417") == std::string::npos);
  }
}

TEST_CASE("an assisted session left alone times out, ends in the audit log and forgets the agent's card") {
  HeadlessKiosk kiosk;
  enroll_associate(kiosk);
  sign_in(kiosk);
  tap(kiosk, "staff.start-assisted");
  client_confirms(kiosk);
  tap(kiosk, "assisted.add-agent");
  kiosk.app->deliver_scan(demo_agent_licence_payload(kiosk.clock.today()));
  kiosk.app->frame();
  REQUIRE(kiosk.app->session().assisted().agent() != nullptr);

  kiosk.clock.advance(std::chrono::minutes{10});
  kiosk.app->step(std::chrono::milliseconds{0});
  REQUIRE(kiosk.app->settle_store());
  CHECK(kiosk.app->session().screen() == Screen::Welcome);
  CHECK(kiosk.app->session().identity() == nullptr);
  CHECK(kiosk.app->session().assisted().agent() == nullptr);
  CHECK(ledger(kiosk).empty());
  CHECK(has_audit(audit(kiosk), "assisted-session-ended", ""));
}
