#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "hq_backends.hpp"
#include "kiosk/hq/client_state.hpp"
#include "kiosk/hq/gap_report.hpp"
#include "sealing_kiosk.hpp"
#include "shiftable_clock.hpp"

using namespace kiosk;
using namespace kiosk::testing;
using nlohmann::json;
using protocol::RecordStatus;

namespace {

auto now() {
  return std::chrono::system_clock::now();
}

void upload_all(TestHeadOffice& hq, const EnrolledKiosk& kiosk, std::vector<protocol::UploadItem> items) {
  const std::size_t count = items.size();
  HqReply reply = hq.client().upload(batch_of(std::move(items)), kiosk.kiosk_id, kiosk.key);
  INFO(reply.body);
  const auto results = results_of(reply);
  REQUIRE(results.size() == count);
  for (const auto& result : results) CHECK(result.status == RecordStatus::Stored);
}

json gaps_of(TestHeadOffice& hq) {
  auto links = hq.storage().chain_links();
  auto forks = hq.storage().forks();
  REQUIRE(links.has_value());
  REQUIRE(forks.has_value());
  return json::parse(hq::gap_report_json(hq::build_gap_report(*links, *forks)));
}

// What a kiosk asks head office when a client confirms their identity.
protocol::ClientStateAnswer ask(TestHeadOffice& hq, const EnrolledKiosk& kiosk,
                                const consent::ClientIdentity& client) {
  protocol::ClientStateQuestion question{kiosk.kiosk_id, client.issuer, client.document_number,
                                         protocol::new_nonce()};
  const auto sealed = seal::seal_to_head_office(protocol::to_json(question), kiosk.grant.box_keys.back());
  HqReply reply =
      hq.client().signed_post(std::string(protocol::kClientStatePath),
                              protocol::client_state_request_body(sealed), kiosk.kiosk_id, kiosk.key);
  INFO(reply.body);
  REQUIRE(reply.status == 200);
  auto answer =
      protocol::open_client_state_answer(reply.body, kiosk.grant.head_office_signing_key, question.nonce);
  REQUIRE(answer.has_value());
  return std::move(*answer);
}

}  // namespace

TEMPLATE_TEST_CASE("the gap report names missing numbers, forks, broken links and late arrivals per kiosk",
                   "[hq]", OnSqlite, OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const EnrolledKiosk a = hq.enroll("kiosk-a");
  const EnrolledKiosk b = hq.enroll("kiosk-b");
  SealingKiosk kiosk_a = sealing_as(a);
  SealingKiosk kiosk_b = sealing_as(b);

  // kiosk-b: 1..3, clean.
  upload_all(hq, b,
             {kiosk_b.next(choices_record({}, now())), kiosk_b.next(choices_record({}, now())),
              kiosk_b.next(choices_record({}, now()))});

  // kiosk-a: 1, 2, (3 lost), 4, then 6 arrives before 5; a second record numbered 2 (a restored
  // backup); and 7 names a chain hash that is not 6's.
  auto one = kiosk_a.next(choices_record({}, now()));
  auto two = kiosk_a.next(choices_record({}, now()));
  kiosk_a.skip(1);
  auto four = kiosk_a.next(choices_record({}, now()));
  auto five = kiosk_a.next(choices_record({}, now()));
  auto six = kiosk_a.next(choices_record({}, now()));
  auto fork = kiosk_a.seal_at(2, {}, choices_record({}, now())).first;
  auto seven = kiosk_a.seal_at(7, seal::Hash32{1}, choices_record({}, now())).first;
  upload_all(hq, a, {one, two, four});
  upload_all(hq, a, {six});
  upload_all(hq, a, {five, fork, seven});

  const json report = gaps_of(hq);
  REQUIRE(report["kiosks"].size() == 2);
  const json& ka = report["kiosks"][0];
  CHECK(ka["kiosk_id"] == "kiosk-a");
  CHECK(ka["records"] == 7);
  CHECK(ka["highest_seq"] == 7);
  CHECK(ka["missing"] == json::parse(R"([{"from":3,"to":3}])"));
  REQUIRE(ka["forks"].size() == 1);
  CHECK(ka["forks"][0]["seq"] == 2);
  CHECK(ka["forks"][0]["record_ids"] == json::array({two.record_id, fork.record_id}));
  CHECK(ka["forks"][0].contains("detected_at"));
  // 7 names the wrong link; the fork names zeros where 1's hash belongs.
  REQUIRE(ka["chain_breaks"].size() == 2);
  CHECK(ka["chain_breaks"][0]["record_id"] == fork.record_id);
  CHECK(ka["chain_breaks"][1]["record_id"] == seven.record_id);
  CHECK(ka["chain_breaks"][1]["seq"] == 7);
  // 5 after 6, and the second 2 after 6.
  REQUIRE(ka["out_of_order"].size() == 2);
  CHECK(ka["out_of_order"][0]["seq"] == 5);
  CHECK(ka["out_of_order"][0]["arrived_after_seq"] == 6);
  CHECK(ka["out_of_order"][1]["record_id"] == fork.record_id);

  const json& kb = report["kiosks"][1];
  CHECK(kb["kiosk_id"] == "kiosk-b");
  CHECK(kb["missing"].empty());
  CHECK(kb["forks"].empty());
  CHECK(kb["chain_breaks"].empty());
  CHECK(kb["out_of_order"].empty());
  CHECK(report["summary"]["missing"] == 1);
  CHECK(report["summary"]["forks"] == 1);

  // The admin endpoint says the same, to the admin only.
  const std::string token = hq.head_office().secrets().admin_token;
  auto client = hq.client();
  CHECK(client.get(std::string(protocol::kAdminGapsPath)).status == 401);
  CHECK(client.get(std::string(protocol::kAdminGapsPath), {{"Authorization", "Bearer " + token + "x"}})
            .status == 401);
  HqReply admin = client.get(std::string(protocol::kAdminGapsPath), {{"Authorization", "Bearer " + token}});
  REQUIRE(admin.status == 200);
  CHECK(json::parse(admin.body) == report);
}

TEMPLATE_TEST_CASE("a withdrawal at kiosk B is in the answer kiosk A gets, signed, and in the client report",
                   "[hq]", OnSqlite, OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const EnrolledKiosk a = hq.enroll("store-1-kiosk");
  const EnrolledKiosk b = hq.enroll("store-2-kiosk");
  SealingKiosk kiosk_a = sealing_as(a);
  SealingKiosk kiosk_b = sealing_as(b);
  const auto& model = shipped_consent_model();
  const auto client = sample_client("ON", "W8831-77402-95117");

  // At store 1 the client opts in to marketing analysis.
  const auto start = now() - std::chrono::hours(2);
  auto opted_in = choices_record({{"marketing-analysis", consent::Decision::Granted}}, start);
  upload_all(hq, a, {kiosk_a.next(opted_in, client)});
  // At store 2, an hour later, they withdraw (the card's number typed with other dashes).
  auto state = consent::derive_current_state(model, std::vector<consent::ConsentRecord>{opted_in});
  REQUIRE(state.decision("marketing-analysis") == consent::Decision::Granted);
  auto withdrawal = withdrawal_record(state, start + std::chrono::hours(1));
  upload_all(hq, b, {kiosk_b.next(withdrawal, sample_client("on", "W8831 77402 95117"))});
  // Someone else at store 1.
  upload_all(hq, a, {kiosk_a.next(choices_record({}, start), sample_client("QC", "Q4417-250361-07"))});

  const protocol::ClientStateAnswer answer = ask(hq, a, client);
  CHECK(answer.known);
  REQUIRE(answer.records.size() == 2);
  std::vector<consent::ConsentRecord> history;
  for (const auto& text : answer.records) history.push_back(consent::parse_ledger_json(text).value());
  CHECK(history[0].id == opted_in.id);
  CHECK(history[1].id == withdrawal.id);
  CHECK(consent::derive_current_state(model, history).decision("marketing-analysis") ==
        consent::Decision::Refused);
  // Nothing identifying in the answer.
  for (const auto& text : answer.records) CHECK(text.find("WOLFENSTEINER") == std::string::npos);

  CHECK_FALSE(ask(hq, b, sample_client("ON", "NOBODY-1")).known);

  auto report = hq::client_report(hq.head_office(), model, "ON", "W883177402-95117");
  REQUIRE(report.has_value());
  const json parsed = json::parse(*report);
  CHECK(parsed["known"] == true);
  CHECK(parsed["history"].size() == 2);
  CHECK(parsed["history"][1]["kiosk_id"] == "store-2-kiosk");
  bool saw_marketing = false;
  for (const auto& decision : parsed["current"]["decisions"]) {
    if (decision["item"] == "marketing-analysis") {
      saw_marketing = true;
      CHECK(decision["decision"] == "refused");
    }
  }
  CHECK(saw_marketing);
}

TEMPLATE_TEST_CASE("a client-state question sealed wrong or for another kiosk is refused", "[hq]", OnSqlite,
                   OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const EnrolledKiosk a = hq.enroll("kiosk-a");
  auto client = hq.client();
  protocol::ClientStateQuestion question{"kiosk-b", "ON", "123", protocol::new_nonce()};
  const auto for_b = seal::seal_to_head_office(protocol::to_json(question), hq.newest_box_key());
  HqReply wrong_kiosk =
      client.signed_post("/v1/client-state", protocol::client_state_request_body(for_b), "kiosk-a", a.key);
  CHECK(wrong_kiosk.status == 400);
  question.kiosk_id = "kiosk-a";
  const auto elsewhere = seal::seal_to_head_office(protocol::to_json(question),
                                                   seal::head_office_key_of(seal::generate_box_key_pair()));
  CHECK(
      client.signed_post("/v1/client-state", protocol::client_state_request_body(elsewhere), "kiosk-a", a.key)
          .status == 400);
  CHECK(client.signed_post("/v1/client-state", "{}", "kiosk-a", a.key).status == 400);
  CHECK(client.post("/v1/client-state", protocol::client_state_request_body(for_b)).status == 401);
}

TEMPLATE_TEST_CASE("an access request recorded at a kiosk is listed with a due date 30 days on", "[hq]",
                   OnSqlite, OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const EnrolledKiosk a = hq.enroll("kiosk-a");
  SealingKiosk kiosk = sealing_as(a);
  const auto asked_at = *consent::parse_utc("2026-11-28T18:40:48.123Z");
  const auto request = access_request_record(asked_at);
  auto item = kiosk.next(request);
  upload_all(hq, a, {kiosk.next(choices_record({}, asked_at)), item});
  // A duplicate of the request does not make a second one.
  const auto again = results_of(hq.client().upload(batch_of({item}), "kiosk-a", a.key));
  REQUIRE(again.size() == 1);
  CHECK(again[0].status == RecordStatus::Duplicate);

  auto requests = hq.storage().access_requests();
  REQUIRE(requests.has_value());
  REQUIRE(requests->size() == 1);
  CHECK((*requests)[0].kiosk_id == "kiosk-a");
  CHECK((*requests)[0].record_id == request.id);
  CHECK((*requests)[0].requested_at == "2026-11-28T18:40:48.123Z");
  CHECK((*requests)[0].due_at == "2026-12-28T18:40:48.123Z");
  CHECK_FALSE((*requests)[0].by_agent);
  CHECK((*requests)[0].status == "open");
}
