// Head office is the authority for a client's choices: the kiosk asks it, sealed and signed, and
// trusts only an answer signed by the pinned identity key for its own nonce.
#include <catch2/catch.hpp>

#include "hq_stub_server.hpp"
#include "kiosk/sync/client_state_lookup.hpp"
#include "kiosk/sync/curl_https_transport.hpp"
#include "kiosk/sync/fake_https_transport.hpp"
#include "sync_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::sync;
using namespace std::chrono_literals;

namespace {

consent::ConsentRecord record_from_another_kiosk(const std::string& id) {
  consent::ConsentRecord record;
  record.id = id;
  record.recorded_at = std::chrono::sys_days{std::chrono::year{2026} / 6 / 1};
  record.kind = consent::EventKind::Withdrawal;
  record.policy_version = std::string(64, 'a');
  record.decisions = {{"marketing-analysis", consent::Decision::Refused}};
  return record;
}

}  // namespace

TEST_CASE("the kiosk asks head office for a client's records and gets every kiosk's") {
  HqStubServer hq;
  sync_fixtures::KioskWithRecords kiosk(0, hq.keys());
  auto consents = kiosk.service();
  hq.register_kiosk("test-kiosk", consents.signing_public_key());
  const auto person = store_fixtures::known_people()[1];
  hq.add_client_record(person.issuer, person.document_number, record_from_another_kiosk("elsewhere-1"));

  CurlHttpsTransport transport({hq.url(), hq.keys().tls.certificate_pem, hq.spki(), 2000ms, 3000ms});
  ClientStateLookup lookup("test-kiosk", consents.keys().signing, hq.keys().identity.public_key, transport);
  auto answer = lookup.ask(person, consents.keys().head_office);
  REQUIRE(answer.has_value());
  CHECK(answer->known);
  REQUIRE(answer->records.size() == 1);
  CHECK(answer->records[0].id == "elsewhere-1");
  CHECK(answer->records[0].kind == consent::EventKind::Withdrawal);

  auto stranger = lookup.ask(store_fixtures::known_people()[2], consents.keys().head_office);
  REQUIRE(stranger.has_value());
  CHECK_FALSE(stranger->known);
  CHECK(stranger->records.empty());
}

TEST_CASE("an answer not signed by the pinned identity key, or for another nonce, is refused") {
  sync_fixtures::KioskWithRecords kiosk(0);
  auto consents = kiosk.service();
  const auto impostor = seal::generate_signing_key_pair();
  FakeHttpsTransport forged([&](const HttpRequest&) {
    return HttpResponse{200, protocol::signed_client_state_answer({"00", true, {}, "now"}, impostor),
                        std::nullopt};
  });
  ClientStateLookup lookup("test-kiosk", consents.keys().signing, kiosk.head_office.identity.public_key,
                           forged);
  auto answer = lookup.ask(store_fixtures::known_people()[0], consents.keys().head_office);
  REQUIRE_FALSE(answer.has_value());
  CHECK(answer.error().code == LookupErrc::BadAnswer);

  // Signed by head office, but for a question someone else asked: a replay.
  FakeHttpsTransport replayed([&](const HttpRequest&) {
    return HttpResponse{200,
                        protocol::signed_client_state_answer({protocol::new_nonce(), true, {}, "now"},
                                                             kiosk.head_office.identity),
                        std::nullopt};
  });
  ClientStateLookup second("test-kiosk", consents.keys().signing, kiosk.head_office.identity.public_key,
                           replayed);
  auto replay = second.ask(store_fixtures::known_people()[0], consents.keys().head_office);
  REQUIRE_FALSE(replay.has_value());
  CHECK(replay.error().code == LookupErrc::BadAnswer);
  CHECK(replay.error().detail == "answer-wrong-nonce");

  // The question went sealed: the request body does not hold the document number.
  const auto sent = replayed.requests().front().body;
  CHECK(sent.find(store_fixtures::known_people()[0].document_number) == std::string::npos);
}

TEST_CASE("head office unreachable, or another certificate: the lookup fails and sends nothing") {
  HqStubServer hq;
  HqStubServer impostor;
  sync_fixtures::KioskWithRecords kiosk(0, hq.keys());
  auto consents = kiosk.service();
  CurlHttpsTransport wrong({impostor.url(), hq.keys().tls.certificate_pem, hq.spki(), 2000ms, 3000ms});
  ClientStateLookup lookup("test-kiosk", consents.keys().signing, hq.keys().identity.public_key, wrong);
  auto answer = lookup.ask(store_fixtures::known_people()[0], consents.keys().head_office);
  REQUIRE_FALSE(answer.has_value());
  CHECK(answer.error().code == LookupErrc::CertificateMismatch);
  CHECK(impostor.total_requests() == 0);

  const int port = hq.port();
  CurlHttpsTransport nowhere(
      {"https://127.0.0.1:1", hq.keys().tls.certificate_pem, hq.spki(), 2000ms, 3000ms});
  ClientStateLookup offline("test-kiosk", consents.keys().signing, hq.keys().identity.public_key, nowhere);
  auto unreachable = offline.ask(store_fixtures::known_people()[0], consents.keys().head_office);
  REQUIRE_FALSE(unreachable.has_value());
  CHECK(unreachable.error().code == LookupErrc::Unreachable);
  CHECK(port > 1);
}
