// Enrollment's network half against a real HTTPS head office: the token is proved, never sent,
// and bound to the certificate the kiosk saw.
#include <catch2/catch.hpp>

#include "hq_stub_server.hpp"
#include "kiosk/protocol/certificate_pin.hpp"
#include "kiosk/sync/kiosk_enrollment.hpp"

using namespace kiosk;
using namespace kiosk::sync;
using namespace std::chrono_literals;

TEST_CASE("enrollment with the right token returns head office's keys and its pinned certificate, once") {
  HqStubServer hq;
  const auto token = hq.issue_token("store-7-kiosk-2");
  const auto kiosk_key = seal::generate_signing_key_pair();
  auto enrolled = enroll_with_head_office(hq.url(), "store-7-kiosk-2", token, kiosk_key.public_key, 5000ms);
  INFO((enrolled ? "" : enrolled.error().detail));
  REQUIRE(enrolled.has_value());
  CHECK(enrolled->grant.kiosk_id == "store-7-kiosk-2");
  CHECK(enrolled->grant.head_office_signing_key == hq.keys().identity.public_key);
  CHECK(enrolled->grant.box_keys.back() == seal::head_office_key_of(hq.keys().box));
  CHECK(enrolled->spki == hq.spki());

  auto again = enroll_with_head_office(hq.url(), "store-7-kiosk-2", token, kiosk_key.public_key, 5000ms);
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error().code == EnrollErrc::Refused);
  CHECK(again.error().head_office_code == "token-used");
}

TEST_CASE("enrollment with a wrong token, or for another kiosk id, is refused by head office") {
  HqStubServer hq;
  hq.issue_token("store-7-kiosk-2");
  const auto key = seal::generate_signing_key_pair().public_key;
  auto unknown = enroll_with_head_office(hq.url(), "store-7-kiosk-2", protocol::EnrollmentToken::generate(),
                                         key, 5000ms);
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().head_office_code == "token-unknown");

  const auto token = hq.issue_token("store-7-kiosk-3");
  auto other_kiosk = enroll_with_head_office(hq.url(), "store-7-kiosk-9", token, key, 5000ms);
  REQUIRE_FALSE(other_kiosk.has_value());
  CHECK(other_kiosk.error().head_office_code == "proof-mismatch");

  auto nobody = enroll_with_head_office("https://127.0.0.1:1", "k", token, key, 2000ms);
  REQUIRE_FALSE(nobody.has_value());
  CHECK(nobody.error().code == EnrollErrc::Unreachable);
}
