#pragma once
// The envelope a consent record travels in: signed with the kiosk's Ed25519 key, then sealed to
// head office's X25519 key (libsodium's crypto_box_seal). Only head office can open it; the
// kiosk that wrote it cannot read it back, and head office can tell which kiosk signed it.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/expected.hpp"

namespace kiosk::sync {

using SigningPublicKey = std::array<unsigned char, 32>;
using BoxPublicKey = std::array<unsigned char, 32>;

// A secret wiped from memory when dropped.
template <std::size_t N>
class SecretKey {
 public:
  SecretKey() = default;
  SecretKey(const SecretKey& other) : bytes_(other.bytes_) {}
  SecretKey& operator=(const SecretKey& other) {
    bytes_ = other.bytes_;
    return *this;
  }
  ~SecretKey();
  unsigned char* data() { return bytes_.data(); }
  const unsigned char* data() const { return bytes_.data(); }
  static constexpr std::size_t size() { return N; }

 private:
  std::array<unsigned char, N> bytes_{};
};

struct SigningKeyPair {
  SecretKey<64> secret;
  SigningPublicKey public_key{};
};

struct BoxKeyPair {
  SecretKey<32> secret;
  BoxPublicKey public_key{};
};

SigningKeyPair generate_signing_key_pair();
BoxKeyPair generate_box_key_pair();
// Rebuilds a pair from its secret (what a key file holds).
SigningKeyPair signing_key_pair_from_secret(std::span<const unsigned char, 64> secret);
BoxKeyPair box_key_pair_from_secret(std::span<const unsigned char, 32> secret);

// Bytes added to a payload: format tag, signer key, signature, seal.
std::size_t envelope_overhead();

std::vector<unsigned char> seal_envelope(std::string_view payload, const SigningKeyPair& kiosk,
                                         const BoxPublicKey& head_office);

enum class EnvelopeErrc {
  TooShort,    // not an envelope at all
  CannotOpen,  // not sealed to this key, or altered in transit
  UnknownFormat,
  BadSignature,  // opened, but the signature does not match its content
  WrongSigner,   // a valid signature by a kiosk other than the one expected
};

std::string_view to_string(EnvelopeErrc code);

struct EnvelopeError {
  EnvelopeErrc code;
};

struct OpenedEnvelope {
  SigningPublicKey signer{};
  std::string payload;
};

// Head office's side: opens with its key pair and checks the signature against the key the
// envelope names. The caller must still check that `signer` is an enrolled kiosk.
Expected<OpenedEnvelope, EnvelopeError> open_envelope(std::span<const unsigned char> sealed,
                                                      const BoxKeyPair& head_office);
// The same, for a caller that knows which kiosk must have signed it.
Expected<OpenedEnvelope, EnvelopeError> open_envelope(std::span<const unsigned char> sealed,
                                                      const BoxKeyPair& head_office,
                                                      const SigningPublicKey& expected_signer);

}  // namespace kiosk::sync
