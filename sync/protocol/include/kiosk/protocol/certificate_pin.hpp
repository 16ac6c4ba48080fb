#pragma once
// The value both ends pin head office's TLS certificate by: SHA-256 of its SubjectPublicKeyInfo
// (what libcurl's CURLOPT_PINNEDPUBLICKEY compares). Head office binds enrollment proofs to it;
// the kiosk computes it from the certificate it was shown.

#include <string>
#include <string_view>

#include "kiosk/core/expected.hpp"
#include "kiosk/protocol/enrollment.hpp"

namespace kiosk::protocol {

enum class CertificateErrc { NotPem, NoPublicKey };
std::string_view to_string(CertificateErrc code);

// The first certificate in `pem`.
Expected<SpkiDigest, CertificateErrc> spki_digest_of_certificate(std::string_view pem);

// "sha256//BASE64": the form CURLOPT_PINNEDPUBLICKEY takes.
std::string curl_pinned_public_key(const SpkiDigest& digest);

}  // namespace kiosk::protocol
