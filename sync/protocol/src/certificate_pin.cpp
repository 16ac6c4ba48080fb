#include "kiosk/protocol/certificate_pin.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <memory>

namespace kiosk::protocol {
namespace {

struct FreeBio {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct FreeX509 {
  void operator()(X509* certificate) const { X509_free(certificate); }
};

}  // namespace

std::string_view to_string(CertificateErrc code) {
  return code == CertificateErrc::NotPem ? "certificate-not-pem" : "certificate-no-public-key";
}

Expected<SpkiDigest, CertificateErrc> spki_digest_of_certificate(std::string_view pem) {
  std::unique_ptr<BIO, FreeBio> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return fail(CertificateErrc::NotPem);
  std::unique_ptr<X509, FreeX509> certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!certificate) return fail(CertificateErrc::NotPem);
  // DER of the SubjectPublicKeyInfo, exactly the bytes libcurl hashes.
  const int size = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(certificate.get()), nullptr);
  if (size <= 0) return fail(CertificateErrc::NoPublicKey);
  std::vector<unsigned char> der(static_cast<std::size_t>(size));
  unsigned char* at = der.data();
  if (i2d_X509_PUBKEY(X509_get_X509_PUBKEY(certificate.get()), &at) != size) {
    return fail(CertificateErrc::NoPublicKey);
  }
  SpkiDigest digest{};
  SHA256(der.data(), der.size(), digest.data());
  return digest;
}

std::string curl_pinned_public_key(const SpkiDigest& digest) {
  // Standard base64 with padding (not the protocol's base64url): libcurl's format.
  std::string text(4 * ((digest.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), digest.data(),
                                      static_cast<int>(digest.size()));
  text.resize(static_cast<std::size_t>(written));
  return "sha256//" + text;
}

}  // namespace kiosk::protocol
