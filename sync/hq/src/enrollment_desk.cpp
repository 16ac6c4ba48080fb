#include "kiosk/hq/enrollment_desk.hpp"

#include "kiosk/core/consent/consent_record.hpp"

namespace kiosk::hq {
namespace {

EnrollError refuse(EnrollRefusal refusal, std::string detail) {
  return {refusal, {HqErrc::BadInput, std::move(detail)}};
}

}  // namespace

bool valid_kiosk_id(std::string_view kiosk_id) {
  if (kiosk_id.empty() || kiosk_id.size() > 128) return false;
  for (char c : kiosk_id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string_view to_string(EnrollRefusal refusal) {
  switch (refusal) {
    case EnrollRefusal::Malformed: return "malformed";
    case EnrollRefusal::TokenUnknown: return "token-unknown";
    case EnrollRefusal::TokenExpired: return "token-expired";
    case EnrollRefusal::TokenUsed: return "token-used";
    case EnrollRefusal::ProofMismatch: return "proof-mismatch";
    case EnrollRefusal::Storage: return "storage";
  }
  return "enroll-refused";
}

Expected<IssuedToken, HqError> issue_enrollment_token(HeadOfficeStorage& storage, std::string_view kiosk_id,
                                                      std::chrono::hours ttl, const Clock& clock) {
  if (!valid_kiosk_id(kiosk_id)) {
    return fail(HqError{HqErrc::BadInput, "a kiosk id is 1-128 letters, digits, '.', '_' or '-'"});
  }
  IssuedToken issued{protocol::EnrollmentToken::generate(), std::string(kiosk_id),
                     consent::format_utc(clock.now() + ttl)};
  const auto secret = issued.token.secret();
  EnrollmentTokenRow row{issued.token.id(), std::vector<unsigned char>(secret.begin(), secret.end()),
                         issued.kiosk_id,   consent::format_utc(clock.now()),
                         issued.expires_at, std::nullopt};
  auto added = storage.add_enrollment_token(row);
  seal::wipe_bytes(row.secret.data(), row.secret.size());
  if (!added) return fail(added.error());
  return issued;
}

Expected<Enrollment, EnrollError> enroll_kiosk(HeadOffice& head_office, std::string_view request_body) {
  auto request = protocol::parse_enroll_request(request_body);
  if (!request) return fail(refuse(EnrollRefusal::Malformed, "enroll request: " + request.error().field));
  auto found = head_office.storage().find_enrollment_token(request->token_id);
  if (!found) return fail(EnrollError{EnrollRefusal::Storage, found.error()});
  if (!*found) return fail(refuse(EnrollRefusal::TokenUnknown, "no such token"));
  EnrollmentTokenRow& row = **found;
  const auto token = protocol::EnrollmentToken::from_secret(row.secret);
  seal::wipe_bytes(row.secret.data(), row.secret.size());

  // The proof first: until it holds, the asker has shown no knowledge of the token, and learns
  // nothing about its state. It names the kiosk the token was issued for.
  const seal::Hash32 expected =
      protocol::enrollment_proof(token, row.kiosk_id, request->signing_public_key, head_office.spki());
  if (request->kiosk_id != row.kiosk_id || !seal::equal_secret(expected, request->proof)) {
    return fail(
        refuse(EnrollRefusal::ProofMismatch, "the proof does not hold for this token and certificate"));
  }
  if (row.used_at) return fail(refuse(EnrollRefusal::TokenUsed, "token already used"));
  const std::string now = consent::format_utc(head_office.clock().now());
  if (row.expires_at <= now) return fail(refuse(EnrollRefusal::TokenExpired, "token expired"));

  auto consumed =
      head_office.storage().enroll_kiosk(row.token_id, row.kiosk_id, request->signing_public_key, now);
  if (!consumed) return fail(EnrollError{EnrollRefusal::Storage, consumed.error()});
  // Another server consumed it between the read and now (or it expired in between).
  if (!*consumed) return fail(refuse(EnrollRefusal::TokenUsed, "token already used"));

  protocol::EnrollGrant grant;
  grant.kiosk_id = row.kiosk_id;
  grant.head_office_signing_key = head_office.secrets().identity.public_key;
  for (const seal::BoxKeyPair& pair : head_office.box_keys().current()->keys()) {
    grant.box_keys.push_back(seal::head_office_key_of(pair));
  }
  grant.certificate_pem = head_office.certificate_pem();
  grant.issued_at = now;
  return Enrollment{row.kiosk_id, protocol::sealed_grant_body(grant, token)};
}

}  // namespace kiosk::hq
