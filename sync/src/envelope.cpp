#include "kiosk/sync/envelope.hpp"

#include <sodium.h>
#include <cstring>
#include <stdexcept>

namespace kiosk::sync {
namespace {

constexpr std::array<unsigned char, 4> kFormat = {'K', 'C', 'E', '1'};
constexpr std::string_view kSignatureDomain = "kiosk-consent-envelope/1";
constexpr std::size_t kInnerHeader = kFormat.size() + crypto_sign_PUBLICKEYBYTES + crypto_sign_BYTES;

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
}

// The signature also covers the recipient's key: a signed record cannot be re-sealed to
// someone else and pass as addressed to them.
std::vector<unsigned char> signed_message(std::string_view payload, const BoxPublicKey& recipient) {
  std::vector<unsigned char> message(kSignatureDomain.size() + recipient.size() + payload.size());
  unsigned char* at = message.data();
  std::memcpy(at, kSignatureDomain.data(), kSignatureDomain.size());
  at += kSignatureDomain.size();
  std::memcpy(at, recipient.data(), recipient.size());
  at += recipient.size();
  if (!payload.empty()) std::memcpy(at, payload.data(), payload.size());
  return message;
}

}  // namespace

template <std::size_t N>
SecretKey<N>::~SecretKey() {
  sodium_memzero(bytes_.data(), bytes_.size());
}
template class SecretKey<32>;
template class SecretKey<64>;

SigningKeyPair generate_signing_key_pair() {
  ensure_sodium();
  SigningKeyPair pair;
  crypto_sign_keypair(pair.public_key.data(), pair.secret.data());
  return pair;
}

BoxKeyPair generate_box_key_pair() {
  ensure_sodium();
  BoxKeyPair pair;
  crypto_box_keypair(pair.public_key.data(), pair.secret.data());
  return pair;
}

SigningKeyPair signing_key_pair_from_secret(std::span<const unsigned char, 64> secret) {
  ensure_sodium();
  SigningKeyPair pair;
  std::memcpy(pair.secret.data(), secret.data(), secret.size());
  crypto_sign_ed25519_sk_to_pk(pair.public_key.data(), pair.secret.data());
  return pair;
}

BoxKeyPair box_key_pair_from_secret(std::span<const unsigned char, 32> secret) {
  ensure_sodium();
  BoxKeyPair pair;
  std::memcpy(pair.secret.data(), secret.data(), secret.size());
  crypto_scalarmult_base(pair.public_key.data(), pair.secret.data());
  return pair;
}

std::size_t envelope_overhead() {
  return kInnerHeader + crypto_box_SEALBYTES;
}

std::string_view to_string(EnvelopeErrc code) {
  switch (code) {
    case EnvelopeErrc::TooShort: return "envelope-too-short";
    case EnvelopeErrc::CannotOpen: return "envelope-cannot-open";
    case EnvelopeErrc::UnknownFormat: return "envelope-unknown-format";
    case EnvelopeErrc::BadSignature: return "envelope-bad-signature";
    case EnvelopeErrc::WrongSigner: return "envelope-wrong-signer";
  }
  return "envelope-error";
}

std::vector<unsigned char> seal_envelope(std::string_view payload, const SigningKeyPair& kiosk,
                                         const BoxPublicKey& head_office) {
  ensure_sodium();
  std::vector<unsigned char> inner(kInnerHeader + payload.size());
  std::memcpy(inner.data(), kFormat.data(), kFormat.size());
  std::memcpy(inner.data() + kFormat.size(), kiosk.public_key.data(), kiosk.public_key.size());
  const auto message = signed_message(payload, head_office);
  crypto_sign_detached(inner.data() + kFormat.size() + crypto_sign_PUBLICKEYBYTES, nullptr, message.data(),
                       message.size(), kiosk.secret.data());
  std::memcpy(inner.data() + kInnerHeader, payload.data(), payload.size());

  std::vector<unsigned char> sealed(inner.size() + crypto_box_SEALBYTES);
  crypto_box_seal(sealed.data(), inner.data(), inner.size(), head_office.data());
  // The clear record must not linger in freed memory.
  sodium_memzero(inner.data(), inner.size());
  return sealed;
}

Expected<OpenedEnvelope, EnvelopeError> open_envelope(std::span<const unsigned char> sealed,
                                                      const BoxKeyPair& head_office) {
  ensure_sodium();
  if (sealed.size() < envelope_overhead()) return fail(EnvelopeError{EnvelopeErrc::TooShort});
  std::vector<unsigned char> inner(sealed.size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(inner.data(), sealed.data(), sealed.size(), head_office.public_key.data(),
                           head_office.secret.data()) != 0) {
    return fail(EnvelopeError{EnvelopeErrc::CannotOpen});
  }
  if (std::memcmp(inner.data(), kFormat.data(), kFormat.size()) != 0) {
    return fail(EnvelopeError{EnvelopeErrc::UnknownFormat});
  }
  OpenedEnvelope opened;
  std::memcpy(opened.signer.data(), inner.data() + kFormat.size(), opened.signer.size());
  opened.payload.assign(reinterpret_cast<const char*>(inner.data() + kInnerHeader),
                        inner.size() - kInnerHeader);
  const auto message = signed_message(opened.payload, head_office.public_key);
  if (crypto_sign_verify_detached(inner.data() + kFormat.size() + crypto_sign_PUBLICKEYBYTES, message.data(),
                                  message.size(), opened.signer.data()) != 0) {
    return fail(EnvelopeError{EnvelopeErrc::BadSignature});
  }
  return opened;
}

Expected<OpenedEnvelope, EnvelopeError> open_envelope(std::span<const unsigned char> sealed,
                                                      const BoxKeyPair& head_office,
                                                      const SigningPublicKey& expected_signer) {
  auto opened = open_envelope(sealed, head_office);
  if (opened && opened->signer != expected_signer) return fail(EnvelopeError{EnvelopeErrc::WrongSigner});
  return opened;
}

}  // namespace kiosk::sync
