#include "kiosk/hq/tls_certificate.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <memory>

namespace kiosk::hq {
namespace {

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* pointer) const {
    Free(pointer);
  }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Certificate = std::unique_ptr<X509, Deleter<X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free>>;
using Extension = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using Number = std::unique_ptr<BIGNUM, Deleter<BN_free>>;

HqError tls_error(std::string_view what) {
  return {HqErrc::Tls, "cannot make the TLS certificate: " + std::string(what)};
}

bool add_extension(X509* certificate, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
  Extension extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
  return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

std::string drain(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

}  // namespace

Expected<TlsCertificate, HqError> make_self_signed_certificate(std::string_view host, bool host_is_ip,
                                                               const Clock& clock) {
  Key key(EVP_EC_gen("P-256"));
  if (!key) return fail(tls_error("key generation"));
  Certificate certificate(X509_new());
  if (!certificate) return fail(tls_error("out of memory"));

  X509_set_version(certificate.get(), 2);  // v3: extensions
  unsigned char serial_bytes[16];
  if (RAND_bytes(serial_bytes, sizeof serial_bytes) != 1) return fail(tls_error("no randomness"));
  serial_bytes[0] &= 0x7f;  // a positive serial
  Number serial(BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr));
  if (!serial || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get()))) {
    return fail(tls_error("serial number"));
  }

  using namespace std::chrono;
  std::time_t now = static_cast<std::time_t>(duration_cast<seconds>(clock.now().time_since_epoch()).count());
  const long kTenYears = 10L * 365 * 24 * 3600;
  if (!X509_time_adj_ex(X509_getm_notBefore(certificate.get()), 0, -3600, &now) ||
      !X509_time_adj_ex(X509_getm_notAfter(certificate.get()), 0, kTenYears, &now)) {
    return fail(tls_error("validity"));
  }

  X509_NAME* name = X509_get_subject_name(certificate.get());
  const std::string common_name = "consent-hq " + std::string(host);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
  X509_set_issuer_name(certificate.get(), name);
  X509_set_pubkey(certificate.get(), key.get());

  const std::string san = (host_is_ip ? "IP:" : "DNS:") + std::string(host);
  if (!add_extension(certificate.get(), NID_subject_alt_name, san) ||
      !add_extension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE") ||
      !add_extension(certificate.get(), NID_key_usage, "critical,digitalSignature") ||
      !add_extension(certificate.get(), NID_ext_key_usage, "serverAuth") ||
      !add_extension(certificate.get(), NID_subject_key_identifier, "hash")) {
    return fail(tls_error("extensions"));
  }
  if (X509_sign(certificate.get(), key.get(), EVP_sha256()) == 0) return fail(tls_error("signing"));

  Bio certificate_out(BIO_new(BIO_s_mem()));
  Bio key_out(BIO_new(BIO_s_mem()));
  if (!certificate_out || !key_out || PEM_write_bio_X509(certificate_out.get(), certificate.get()) != 1 ||
      PEM_write_bio_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return fail(tls_error("PEM encoding"));
  }
  return TlsCertificate{drain(certificate_out.get()), drain(key_out.get())};
}

}  // namespace kiosk::hq
