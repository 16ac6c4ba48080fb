// The client's path through the real window headless: a withdrawal asks first and writes the
// refusals; "Keep my choices" writes nothing; an expired card may withdraw, never grant.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "headless_kiosk.hpp"
#include "kiosk/app/demo_identity.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/ui/kiosk_view.hpp"

using namespace kiosk;
using namespace std::chrono;

namespace {

// Every ledger row's record, oldest first, as the store wrote it.
std::vector<consent::ConsentRecord> ledger_records(const std::filesystem::path& db) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(handle, "SELECT body FROM ledger ORDER BY seq", -1, &statement, nullptr) ==
          SQLITE_OK);
  std::vector<consent::ConsentRecord> records;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    const auto* body = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    auto record = consent::parse_ledger_json(body);
    REQUIRE(record.has_value());
    records.push_back(std::move(record).value());
  }
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return records;
}

consent::Decision decision_in(const consent::ConsentRecord& record, const std::string& id) {
  for (const auto& d : record.decisions) {
    if (d.item_id == id) return d.decision;
  }
  FAIL("no decision for " << id);
  return consent::Decision::Refused;
}

// The demo client's card: valid, or one that expired last spring (issued 2020, expired 2025).
void scan_and_confirm(HeadlessKiosk& kiosk, bool expired = false) {
  REQUIRE(kiosk.app->tap_target("welcome.start.en"));
  const year_month_day today = kiosk.clock.today();
  kiosk.app->deliver_scan(demo_licence_payload(
      expired ? year_month_day{today.year() - years{4}, today.month(), today.day()} : today));
  kiosk.app->frame();
  REQUIRE(kiosk.app->session().screen() == Screen::ConfirmIdentity);
  REQUIRE(kiosk.app->tap_target("confirm.yes"));
  REQUIRE(kiosk.app->settle_store());
}

// A first visit on a valid card: marketing analysis stays on (the demo client is from Quebec,
// where it starts off, so the client turns it on) and the choices are saved.
void save_marketing_yes(HeadlessKiosk& kiosk) {
  scan_and_confirm(kiosk);
  REQUIRE(kiosk.app->tap_target("policy.continue"));
  REQUIRE(kiosk.app->tap_target("choice.marketing-analysis.yes"));
  REQUIRE(kiosk.app->tap_target("choices.save"));
  REQUIRE(kiosk.app->settle_store());
  REQUIRE(kiosk.app->session().screen() == Screen::Saved);
  REQUIRE(kiosk.app->tap_target("saved.done"));
}

std::filesystem::path db_of(const HeadlessKiosk& kiosk) {
  return kiosk.shots / "data" / "kiosk.db";
}

// Slides the choices list up, as a finger would, until `id` is in sight above the buttons under it.
void reveal(HeadlessKiosk& kiosk, const std::string& id) {
  for (int i = 0; i < 12; ++i) {
    auto rect = kiosk.app->target_rect(id);
    auto below = kiosk.app->target_rect("choices.policy");
    REQUIRE(rect.has_value());
    REQUIRE(below.has_value());
    if (rect->y + rect->h < below->y) return;
    kiosk.app->drag(200, 450, 150);
  }
  FAIL(id << " never came into sight");
}

// "Yes, withdraw": the second ledger row is the withdrawal, and marketing analysis is off in it.
consent::ConsentRecord confirm_withdrawal(HeadlessKiosk& kiosk) {
  REQUIRE(kiosk.app->tap_target("withdraw.confirm"));
  REQUIRE(kiosk.app->settle_store());
  CHECK(kiosk.app->session().screen() == Screen::Saved);
  const auto records = ledger_records(db_of(kiosk));
  REQUIRE(records.size() == 2);
  CHECK(records[1].kind == consent::EventKind::Withdrawal);
  CHECK(decision_in(records[1], "marketing-analysis") == consent::Decision::Refused);
  return records[1];
}

}  // namespace

TEST_CASE("withdrawing through the window asks first, lists what ends, and records every refusal") {
  HeadlessKiosk kiosk;
  save_marketing_yes(kiosk);
  REQUIRE(ledger_records(db_of(kiosk)).size() == 1);

  scan_and_confirm(kiosk);
  REQUIRE(kiosk.app->session().screen() == Screen::Choices);
  reveal(kiosk, "choices.withdraw");
  REQUIRE(kiosk.app->tap_target("choices.withdraw"));
  REQUIRE(kiosk.app->session().screen() == Screen::ConfirmWithdrawal);
  kiosk.app->frame();
  const auto view = kiosk.app->view_model();
  REQUIRE(view.withdrawal.has_value());
  CHECK(view.withdrawal->ending == std::vector<std::string>{"Marketing analysis"});
  CHECK(ledger_records(db_of(kiosk)).size() == 1);  // nothing written before the confirmation

  const consent::ConsentRecord withdrawal = confirm_withdrawal(kiosk);
  CHECK(decision_in(withdrawal, "service-account") == consent::Decision::Granted);
  CHECK(decision_in(withdrawal, "legal-retention") == consent::Decision::Acknowledged);
  // The receipt lists the notices apart, as shown rather than agreed to.
  const auto saved = kiosk.app->view_model();
  REQUIRE(saved.receipt.has_value());
  CHECK(std::find(saved.receipt->notices.begin(), saved.receipt->notices.end(),
                  "Legal and regulatory requirements") != saved.receipt->notices.end());
  for (const auto& [title, granted] : saved.receipt->decisions)
    CHECK(title != "Legal and regulatory requirements");
}

TEST_CASE("\"Keep my choices\" on the withdrawal's confirmation writes nothing") {
  HeadlessKiosk kiosk;
  save_marketing_yes(kiosk);
  scan_and_confirm(kiosk);
  reveal(kiosk, "choices.withdraw");
  REQUIRE(kiosk.app->tap_target("choices.withdraw"));
  REQUIRE(kiosk.app->session().screen() == Screen::ConfirmWithdrawal);
  REQUIRE(kiosk.app->tap_target("withdraw.keep"));
  CHECK(kiosk.app->session().screen() == Screen::Choices);
  for (int i = 0; i < 5; ++i) kiosk.app->frame();
  CHECK_FALSE(kiosk.app->session().waiting_for_store());
  CHECK(ledger_records(db_of(kiosk)).size() == 1);
}

TEST_CASE("an expired card sees its choices read-only and may withdraw them") {
  HeadlessKiosk kiosk;
  save_marketing_yes(kiosk);

  scan_and_confirm(kiosk, true);
  REQUIRE(kiosk.app->session().card_expired());
  REQUIRE(kiosk.app->session().screen() == Screen::Choices);
  kiosk.app->frame();
  // The banner says why; the answers are shown, not offered; there is nothing to save.
  CHECK(kiosk.app->target_rect("choices.expired-banner").has_value());
  CHECK(kiosk.app->target_rect("choice.marketing-analysis.answer").has_value());
  CHECK_FALSE(kiosk.app->target_rect("choice.marketing-analysis.yes").has_value());
  CHECK_FALSE(kiosk.app->target_rect("choices.save").has_value());
  CHECK_FALSE(kiosk.app->target_rect("choices.access").has_value());

  reveal(kiosk, "choices.withdraw");
  REQUIRE(kiosk.app->tap_target("choices.withdraw"));
  confirm_withdrawal(kiosk);
}

TEST_CASE(
    "a returning client whose policy version is unknown to the change list is told the policy changed") {
  HeadlessKiosk kiosk;
  REQUIRE(kiosk.app->tap_target("welcome.start.en"));
  kiosk.app->deliver_scan(demo_licence_payload(kiosk.clock.today()));
  kiosk.app->frame();
  REQUIRE(kiosk.app->tap_target("confirm.yes"));
  // Before the store answers, the session is told this client last chose under a version that
  // no longer exists; the store's own answer then finds the question already answered.
  consent::CurrentConsent earlier;
  earlier.policy_version_seen = "an-older-policy-version";
  earlier.needs_review = true;
  kiosk.app->session().provide_client_state(earlier);
  REQUIRE(kiosk.app->settle_store());
  REQUIRE(kiosk.app->session().screen() == Screen::Policy);
  kiosk.app->frame();
  const auto view = kiosk.app->view_model();
  CHECK(view.policy_changed_unknown);
  CHECK_FALSE(view.policy_full_text);
  CHECK(view.policy_summary.find("## What we collect") != std::string_view::npos);

  // The full text is one touch away.
  REQUIRE(kiosk.app->tap_target("policy.full"));
  CHECK(kiosk.app->session().showing_full_policy());
  CHECK(kiosk.app->view_model().policy_full_text);
  REQUIRE(kiosk.app->tap_target("policy.continue"));
  CHECK(kiosk.app->session().screen() == Screen::Choices);
}
