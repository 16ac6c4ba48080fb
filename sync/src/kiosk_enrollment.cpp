#include "kiosk/sync/kiosk_enrollment.hpp"

#include "kiosk/protocol/certificate_pin.hpp"
#include "kiosk/sync/curl_https_transport.hpp"

namespace kiosk::sync {

std::string_view to_string(EnrollErrc code) {
  switch (code) {
    case EnrollErrc::Unreachable: return "head-office-unreachable";
    case EnrollErrc::NoCertificate: return "no-certificate";
    case EnrollErrc::CertificateMismatch: return "certificate-mismatch";
    case EnrollErrc::Refused: return "enrollment-refused";
    case EnrollErrc::BadGrant: return "grant-not-genuine";
    case EnrollErrc::WrongKiosk: return "grant-for-another-kiosk";
    case EnrollErrc::Failed: return "enrollment-failed";
  }
  return "enrollment-error";
}

Expected<EnrollmentResult, EnrollError> enroll_with_head_office(const std::string& base_url,
                                                                const std::string& kiosk_id,
                                                                const protocol::EnrollmentToken& token,
                                                                const seal::SigningPublicKey& kiosk_key,
                                                                std::chrono::milliseconds timeout) {
  auto shown = fetch_server_certificate(base_url, timeout);
  if (!shown) {
    const EnrollErrc code = shown.error().code == CertificateFetchErrc::Unreachable ? EnrollErrc::Unreachable
                            : shown.error().code == CertificateFetchErrc::NoCertificate
                                ? EnrollErrc::NoCertificate
                                : EnrollErrc::Failed;
    return fail(EnrollError{code, {}, shown.error().detail});
  }
  auto spki = protocol::spki_digest_of_certificate(*shown);
  if (!spki) return fail(EnrollError{EnrollErrc::NoCertificate, {}, "the certificate shown is unreadable"});

  // From here on, only the certificate just seen is trusted: a server that shows another one
  // gets no request at all.
  CurlHttpsTransport pinned(PinnedEndpoint{base_url, *shown, *spki, timeout, timeout});
  protocol::EnrollRequest request{kiosk_id, token.id(), kiosk_key,
                                  protocol::enrollment_proof(token, kiosk_id, kiosk_key, *spki)};
  HttpRequest http;
  http.path = std::string(protocol::kEnrollPath);
  http.body = protocol::to_json(request);
  auto response = pinned.send(http);
  if (!response) {
    const EnrollErrc code = response.error().code == TransportErrc::CertificateMismatch
                                ? EnrollErrc::CertificateMismatch
                            : response.error().code == TransportErrc::Unreachable ? EnrollErrc::Unreachable
                                                                                  : EnrollErrc::Failed;
    return fail(EnrollError{code, {}, response.error().detail});
  }
  if (response->status != 200) {
    auto error = protocol::parse_error_body(response->body);
    return fail(EnrollError{EnrollErrc::Refused,
                            error ? error->code : "http-" + std::to_string(response->status),
                            error ? error->message : std::string()});
  }
  auto grant = protocol::open_grant_body(response->body, token);
  if (!grant)
    return fail(EnrollError{EnrollErrc::BadGrant, {}, std::string(protocol::to_string(grant.error()))});
  auto granted_spki = protocol::spki_digest_of_certificate(grant->certificate_pem);
  if (!granted_spki || *granted_spki != *spki) {
    return fail(EnrollError{EnrollErrc::CertificateMismatch,
                            {},
                            "the grant names another certificate than the one this kiosk was shown"});
  }
  if (grant->kiosk_id != kiosk_id) {
    return fail(EnrollError{EnrollErrc::WrongKiosk, {}, "the grant is for kiosk " + grant->kiosk_id});
  }
  return EnrollmentResult{std::move(*grant), *spki};
}

}  // namespace kiosk::sync
