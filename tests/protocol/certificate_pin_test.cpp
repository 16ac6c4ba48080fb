#include <catch2/catch.hpp>

#include "kiosk/protocol/certificate_pin.hpp"

using namespace kiosk::protocol;

namespace {

// A certificate consent-hq init made, and its pin as OpenSSL's command line computes it:
//   openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64
constexpr std::string_view kCertificate = R"(-----BEGIN CERTIFICATE-----
MIIBoTCCAUegAwIBAgIQY7DmyMWTlhJjlF5wvjlVpDAKBggqhkjOPQQDAjAfMR0w
GwYDVQQDDBRjb25zZW50LWhxIDEyNy4wLjAuMTAeFw0yNjEyMDEwNDIxNDlaFw0z
NjExMjgwNTIxNDlaMB8xHTAbBgNVBAMMFGNvbnNlbnQtaHEgMTI3LjAuMC4xMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEKKxa2O98y7brdzBIsyXBgDOP9vEtBq1j
m+qIBk45TUrvinANHGc6wjVgbbJH2xYITIwFj/4iKdzK8ti6KGYFXqNlMGMwDwYD
VR0RBAgwBocEfwAAATAMBgNVHRMBAf8EAjAAMA4GA1UdDwEB/wQEAwIHgDATBgNV
HSUEDDAKBggrBgEFBQcDATAdBgNVHQ4EFgQUTnbTpnvZ+zXhovNzdsNG2H+pWTIw
CgYIKoZIzj0EAwIDSAAwRQIhAL+rOrJP69qLSgd29X0qkdCOxpuVDbnUrmYyPQ4h
N6HjAiBkb8U9PKPAeDVPxou6GRFH0N7Z37Ev5aTNaHwL7qOQfQ==
-----END CERTIFICATE-----
)";

}  // namespace

TEST_CASE("a certificate's pin is the SHA-256 of its public key info, in libcurl's form") {
  auto digest = spki_digest_of_certificate(kCertificate);
  REQUIRE(digest.has_value());
  CHECK(curl_pinned_public_key(*digest) == "sha256//xVaceDbMfAg9jhJ94mrTbeNYPenezjWDcOiQsY4pFGE=");

  CHECK(spki_digest_of_certificate("not a certificate").error() == CertificateErrc::NotPem);
  // Cut short: the DER inside does not parse.
  const std::string cut = std::string(kCertificate.substr(0, 300)) + "\n-----END CERTIFICATE-----\n";
  CHECK(spki_digest_of_certificate(cut).error() == CertificateErrc::NotPem);
}
