#include <catch2/catch.hpp>

#include "kiosk/protocol/enrollment.hpp"
#include "kiosk/protocol/messages.hpp"
#include "kiosk/protocol/request_signature.hpp"
#include "kiosk/seal/envelope.hpp"

using namespace kiosk;
using namespace kiosk::protocol;

TEST_CASE("an upload batch and its response survive the trip, and a flood is refused before decoding") {
  UploadBatch batch;
  batch.records.push_back({"0011", {1, 2, 3, 250}});
  batch.records.push_back({"0022", {}});
  auto parsed = parse_upload_batch(to_json(batch));
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->records.size() == 2);
  CHECK(parsed->records[0].record_id == "0011");
  CHECK(parsed->records[0].envelope == batch.records[0].envelope);
  CHECK(parsed->records[1].envelope.empty());

  UploadBatch flood;
  flood.records.assign(kMaxBatchRecords + 1, {"x", {}});
  CHECK(parse_upload_batch(to_json(flood)).error().code == ParseErrc::TooLarge);
  CHECK(parse_upload_batch("{\"records\":[{\"id\":\"a\",\"envelope\":\"***\"}]}").error().field ==
        "envelope");
  CHECK(parse_upload_batch("{\"records\":[{\"envelope\":\"AA\"}]}").error().code == ParseErrc::MissingField);
  CHECK(parse_upload_batch("[1,2").error().code == ParseErrc::NotJson);
  CHECK(parse_upload_batch("{\"records\":{}}").error().code == ParseErrc::BadValue);

  auto head_office = seal::generate_signing_key_pair();
  auto box = seal::head_office_key_of(seal::generate_box_key_pair());
  UploadResponse response;
  response.results = {{"0011", RecordStatus::Stored, "", ""},
                      {"0022", RecordStatus::Rejected, "envelope-bad-signature", "signature does not hold"}};
  response.box_key = announce_box_key(box, head_office);
  auto back = parse_upload_response(to_json(response));
  REQUIRE(back.has_value());
  REQUIRE(back->results.size() == 2);
  CHECK(back->results[0].acknowledged());
  CHECK_FALSE(back->results[1].acknowledged());
  CHECK(back->results[1].code == "envelope-bad-signature");
  REQUIRE(back->box_key.has_value());
  CHECK(back->box_key->key == box);
  CHECK(announcement_is_genuine(*back->box_key, head_office.public_key));
  CHECK_FALSE(announcement_is_genuine(*back->box_key, seal::generate_signing_key_pair().public_key));
  // A key swapped under a genuine signature is not genuine.
  auto swapped = *back->box_key;
  swapped.key = seal::head_office_key_of(seal::generate_box_key_pair());
  CHECK_FALSE(announcement_is_genuine(swapped, head_office.public_key));
}

TEST_CASE("a client-state answer holds only with head office's signature and the asker's nonce") {
  auto head_office = seal::generate_signing_key_pair();
  const std::string nonce = new_nonce();
  CHECK(nonce.size() == 32);
  CHECK(nonce != new_nonce());
  ClientStateAnswer answer{nonce, true, {R"({"id":"a"})", R"({"id":"b"})"}, "2026-12-01T10:00:00.000Z"};
  const std::string body = signed_client_state_answer(answer, head_office);

  auto opened = open_client_state_answer(body, head_office.public_key, nonce);
  REQUIRE(opened.has_value());
  CHECK(opened->known);
  CHECK(opened->records == answer.records);
  CHECK(open_client_state_answer(body, head_office.public_key, new_nonce()).error() ==
        AnswerErrc::WrongNonce);
  CHECK(open_client_state_answer(body, seal::generate_signing_key_pair().public_key, nonce).error() ==
        AnswerErrc::BadSignature);
  std::string altered = body;
  const auto at = altered.find("true");
  REQUIRE(at != std::string::npos);
  altered.replace(at, 4, "fals");
  CHECK_FALSE(open_client_state_answer(altered, head_office.public_key, nonce).has_value());
  CHECK(open_client_state_answer("{}", head_office.public_key, nonce).error() == AnswerErrc::Malformed);
}

TEST_CASE("a client-state question travels sealed and reads back whole") {
  auto box = seal::generate_box_key_pair();
  seal::BoxKeyring ring;
  ring.add(box);
  ClientStateQuestion question{"kiosk-7", "QC", "L1234-561107-09", new_nonce()};
  const auto sealed = seal::seal_to_head_office(to_json(question), seal::head_office_key_of(box));
  const std::string body = client_state_request_body(sealed);
  CHECK(body.find("L1234") == std::string::npos);
  auto request = parse_client_state_request_body(body);
  REQUIRE(request.has_value());
  auto text = seal::open_from_kiosk(*request, ring);
  REQUIRE(text.has_value());
  auto back = parse_client_state_question(*text);
  REQUIRE(back.has_value());
  CHECK(back->document_number == question.document_number);
  CHECK(back->nonce == question.nonce);
  CHECK_FALSE(
      parse_client_state_question(R"({"kiosk_id":"k","issuer":"QC","document_number":"1","nonce":"zz"})")
          .has_value());
}

TEST_CASE("an enrollment token reads back from what a tech types, in any case and grouping") {
  auto token = EnrollmentToken::generate();
  const std::string text = token.text();
  CHECK(text.size() == 8 * 4 + 7);
  CHECK(text.find_first_of("ILOU") == std::string::npos);
  auto same = [&](const std::optional<EnrollmentToken>& other) {
    return other && std::equal(other->secret().begin(), other->secret().end(), token.secret().begin());
  };
  CHECK(same(EnrollmentToken::parse(text)));
  std::string typed;
  for (char c : text) {
    if (c == '-') continue;
    typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  CHECK(same(EnrollmentToken::parse(typed)));
  // O for 0 and L for 1 are the slips Crockford's alphabet forgives.
  std::string slipped = text;
  for (char& c : slipped) c = c == '0' ? 'O' : c == '1' ? 'L' : c;
  CHECK(same(EnrollmentToken::parse(slipped)));
  CHECK_FALSE(EnrollmentToken::parse(text.substr(0, text.size() - 1)).has_value());
  CHECK_FALSE(EnrollmentToken::parse(text + "0").has_value());
  CHECK_FALSE(EnrollmentToken::parse("U" + text.substr(1)).has_value());
  CHECK(token.id().size() == 16);
  CHECK(text.find(token.id()) == std::string::npos);
  CHECK(EnrollmentToken::generate().id() != token.id());
}

TEST_CASE("an enrollment proof binds the token, the kiosk and the server key it saw") {
  auto token = EnrollmentToken::generate();
  auto kiosk = seal::generate_signing_key_pair();
  SpkiDigest server{};
  server.fill(0x42);
  const auto proof = enrollment_proof(token, "kiosk-1", kiosk.public_key, server);
  SpkiDigest in_the_middle = server;
  in_the_middle[0] ^= 1;
  CHECK(proof != enrollment_proof(token, "kiosk-1", kiosk.public_key, in_the_middle));
  CHECK(proof != enrollment_proof(token, "kiosk-2", kiosk.public_key, server));
  CHECK(proof != enrollment_proof(EnrollmentToken::generate(), "kiosk-1", kiosk.public_key, server));

  auto request = parse_enroll_request(to_json(EnrollRequest{"kiosk-1", token.id(), kiosk.public_key, proof}));
  REQUIRE(request.has_value());
  CHECK(request->proof == proof);
  CHECK(request->signing_public_key == kiosk.public_key);
  // The token itself never travels.
  CHECK(to_json(*request).find(token.text()) == std::string::npos);
}

TEST_CASE("a grant opens only with the token it was issued for, and not once altered") {
  auto token = EnrollmentToken::generate();
  EnrollGrant grant;
  grant.kiosk_id = "kiosk-1";
  grant.head_office_signing_key = seal::generate_signing_key_pair().public_key;
  grant.box_keys = {seal::head_office_key_of(seal::generate_box_key_pair()),
                    seal::head_office_key_of(seal::generate_box_key_pair())};
  grant.certificate_pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  grant.issued_at = "2026-12-01T10:00:00.000Z";
  const std::string body = sealed_grant_body(grant, token);
  auto opened = open_grant_body(body, token);
  REQUIRE(opened.has_value());
  CHECK(opened->box_keys == grant.box_keys);
  CHECK(opened->certificate_pem == grant.certificate_pem);
  CHECK(opened->head_office_signing_key == grant.head_office_signing_key);
  CHECK(open_grant_body(body, EnrollmentToken::generate()).error() == GrantErrc::BadMac);
  std::string altered = body;
  altered[altered.find("kiosk-1") + 6] = '2';
  CHECK(open_grant_body(altered, token).error() == GrantErrc::BadMac);
  CHECK(open_grant_body("nonsense", token).error() == GrantErrc::Malformed);
}

TEST_CASE("a request signature covers method, path and body") {
  auto kiosk = seal::generate_signing_key_pair();
  const std::string body = R"({"records":[]})";
  const std::string header = sign_request("POST", "/v1/records", body, kiosk);
  CHECK(request_signature_holds(header, "POST", "/v1/records", body, kiosk.public_key));
  CHECK_FALSE(request_signature_holds(header, "POST", "/v1/records", body + " ", kiosk.public_key));
  CHECK_FALSE(request_signature_holds(header, "POST", "/v1/client-state", body, kiosk.public_key));
  CHECK_FALSE(request_signature_holds(header, "PUT", "/v1/records", body, kiosk.public_key));
  CHECK_FALSE(request_signature_holds(header, "POST", "/v1/records", body,
                                      seal::generate_signing_key_pair().public_key));
  CHECK_FALSE(request_signature_holds("not base64!", "POST", "/v1/records", body, kiosk.public_key));
}

TEST_CASE("errors, health and kiosk keys read back") {
  auto error = parse_error_body(to_json(ErrorBody{"token-expired", "ask head office for a new token"}));
  REQUIRE(error.has_value());
  CHECK(error->code == "token-expired");
  auto health = parse_health(to_json(Health{"consent-hq", "0.1.0", "2026-12-01T10:00:00.000Z"}));
  REQUIRE(health.has_value());
  CHECK(health->time == "2026-12-01T10:00:00.000Z");
  KioskKeys keys{"kiosk-1", {seal::generate_signing_key_pair().public_key}};
  auto back = parse_kiosk_keys(to_json(keys));
  REQUIRE(back.has_value());
  CHECK(back->signing_public_keys == keys.signing_public_keys);
}
