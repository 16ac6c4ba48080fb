#include <catch2/catch.hpp>

#include "hq_backends.hpp"
#include "sealing_kiosk.hpp"
#include "shiftable_clock.hpp"

using namespace kiosk;
using namespace kiosk::testing;

namespace {

protocol::EnrollRequest request_for(const protocol::EnrollmentToken& token, const std::string& kiosk_id,
                                    const seal::SigningKeyPair& key, const protocol::SpkiDigest& spki) {
  return {kiosk_id, token.id(), key.public_key,
          protocol::enrollment_proof(token, kiosk_id, key.public_key, spki)};
}

const std::string kEnroll(protocol::kEnrollPath);

}  // namespace

TEMPLATE_TEST_CASE("a kiosk holding the token enrolls, and the grant is bound to that token and certificate",
                   "[hq]", OnSqlite, OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const auto token = hq.token_for("store-12-kiosk-1");
  const auto key = seal::generate_signing_key_pair();
  // The kiosk computes the pin from the certificate the server showed it.
  auto shown = protocol::spki_digest_of_certificate(hq.certificate_pem());
  REQUIRE(shown.has_value());
  const HqReply reply =
      hq.client().post(kEnroll, protocol::to_json(request_for(token, "store-12-kiosk-1", key, *shown)));
  REQUIRE(reply.status == 200);

  auto grant = protocol::open_grant_body(reply.body, token);
  REQUIRE(grant.has_value());
  CHECK(grant->kiosk_id == "store-12-kiosk-1");
  CHECK(grant->head_office_signing_key == hq.identity_public_key());
  CHECK(grant->certificate_pem == hq.certificate_pem());
  REQUIRE(grant->box_keys.size() == 1);
  CHECK(grant->box_keys.back() == hq.newest_box_key());
  // Someone without the token cannot check, or forge, the grant.
  CHECK(protocol::open_grant_body(reply.body, protocol::EnrollmentToken::generate()).error() ==
        protocol::GrantErrc::BadMac);

  const HqReply keys = hq.client().get(std::string(protocol::kKiosksPath) + "store-12-kiosk-1" +
                                       std::string(protocol::kKeysSuffix));
  REQUIRE(keys.status == 200);
  auto listed = protocol::parse_kiosk_keys(keys.body);
  REQUIRE(listed.has_value());
  CHECK(listed->signing_public_keys == std::vector<seal::SigningPublicKey>{key.public_key});
  CHECK(hq.client().get("/v1/kiosks/nobody/keys").status == 404);
}

TEMPLATE_TEST_CASE("a proof made for another certificate is refused and leaves the token usable", "[hq]",
                   OnSqlite, OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const auto token = hq.token_for("kiosk-a");
  const auto key = seal::generate_signing_key_pair();
  // What a kiosk computes when a man in the middle shows it his own certificate.
  protocol::SpkiDigest other = hq.spki();
  other[0] ^= 1;
  HqReply relayed = hq.client().post(kEnroll, protocol::to_json(request_for(token, "kiosk-a", key, other)));
  CHECK(relayed.status == 403);
  CHECK(error_code(relayed) == "proof-mismatch");

  // Nor does the token enroll another kiosk id than the one it was issued for.
  HqReply other_kiosk =
      hq.client().post(kEnroll, protocol::to_json(request_for(token, "kiosk-b", key, hq.spki())));
  CHECK(other_kiosk.status == 403);
  CHECK(error_code(other_kiosk) == "proof-mismatch");

  CHECK(hq.client().post(kEnroll, protocol::to_json(request_for(token, "kiosk-a", key, hq.spki()))).status ==
        200);
}

TEMPLATE_TEST_CASE("a token works once, until it expires, and only if head office issued it", "[hq]",
                   OnSqlite, OnPostgres) {
  ShiftableClock clock;
  TestHeadOffice hq(TestType::backend, &clock);
  const auto key = seal::generate_signing_key_pair();

  const auto token = hq.token_for("kiosk-once");
  const std::string body = protocol::to_json(request_for(token, "kiosk-once", key, hq.spki()));
  CHECK(hq.client().post(kEnroll, body).status == 200);
  HqReply replayed = hq.client().post(kEnroll, body);
  CHECK(replayed.status == 403);
  CHECK(error_code(replayed) == "token-used");

  const auto expiring = hq.token_for("kiosk-late", std::chrono::hours(1));
  clock.advance(std::chrono::minutes(61));
  HqReply late =
      hq.client().post(kEnroll, protocol::to_json(request_for(expiring, "kiosk-late", key, hq.spki())));
  CHECK(late.status == 403);
  CHECK(error_code(late) == "token-expired");

  const auto unknown = protocol::EnrollmentToken::generate();
  HqReply invented =
      hq.client().post(kEnroll, protocol::to_json(request_for(unknown, "kiosk-x", key, hq.spki())));
  CHECK(invented.status == 403);
  CHECK(error_code(invented) == "token-unknown");

  HqReply malformed = hq.client().post(kEnroll, R"({"kiosk_id":"k"})");
  CHECK(malformed.status == 400);
  CHECK(error_code(malformed) == "malformed");
  CHECK(hq.client().post(kEnroll, "not json").status == 400);
}

TEMPLATE_TEST_CASE("re-enrolling a kiosk adds its new key and keeps the old one valid for what it signed",
                   "[hq]", OnSqlite, OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const EnrolledKiosk first = hq.enroll("kiosk-r");
  // A record signed and sealed before the kiosk was re-enrolled (its disk replaced, say).
  SealingKiosk before = sealing_as(first);
  const auto old_item = before.next(choices_record({}, std::chrono::system_clock::now()));

  const EnrolledKiosk second = hq.enroll("kiosk-r");
  CHECK(second.key.public_key != first.key.public_key);
  auto keys = hq.storage().kiosk_keys("kiosk-r");
  REQUIRE(keys.has_value());
  CHECK(*keys == std::vector<seal::SigningPublicKey>{first.key.public_key, second.key.public_key});
  CHECK(hq.storage().enrolled_kiosks().value() == 1);

  // The old record arrives in a request signed with the new key, and in one signed with the old.
  SealingKiosk after = sealing_as(second);
  after.skip(1);
  const auto new_item = after.next(choices_record({}, std::chrono::system_clock::now()));
  HqReply with_new = hq.client().upload(batch_of({old_item, new_item}), "kiosk-r", second.key);
  REQUIRE(with_new.status == 200);
  auto results = results_of(with_new);
  REQUIRE(results.size() == 2);
  CHECK(results[0].status == protocol::RecordStatus::Stored);
  CHECK(results[1].status == protocol::RecordStatus::Stored);
  auto again = results_of(hq.client().upload(batch_of({old_item}), "kiosk-r", first.key));
  REQUIRE(again.size() == 1);
  CHECK(again[0].status == protocol::RecordStatus::Duplicate);
}
