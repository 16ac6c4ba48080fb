#pragma once
// The envelope a consent record travels in to head office (format 2).
//
//   envelope = "KCE2" ‖ head-office key id (8) ‖ crypto_box_seal(inner, that key)
//   inner    = header length (2, big-endian) ‖ header (JSON) ‖ Ed25519 signature (64) ‖ payload
//
// The signature covers head office's box key, the header and the payload: only the kiosk can
// have written it, and it cannot be re-sealed to someone else. Only head office can open it; the
// kiosk that wrote it cannot read it back. The signed header lets head office detect a missing,
// reordered, forked or replayed record: each kiosk numbers its envelopes without gaps and links
// each to the previous one's chain hash.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/seal/keys.hpp"
#include "kiosk/seal/signature.hpp"

namespace kiosk::seal {

inline constexpr int kEnvelopeFormat = 2;
// Tag, key id, seal, header length, signature: anything shorter holds no record.
inline constexpr std::size_t kMinimumEnvelopeBytes = 4 + 8 + 48 + 2 + 64;

struct EnvelopeHeader {
  std::string kiosk_id;
  std::int64_t seq = 0;  // 1, 2, 3... per kiosk, assigned in the commit transaction
  std::string record_id;
  KeyId head_office_key{};
  Hash32 previous{};  // the chain hash of the kiosk's previous envelope; zeros before the first
  SigningPublicKey signer{};
  bool operator==(const EnvelopeHeader&) const = default;
};

struct SealedEnvelope {
  std::vector<unsigned char> bytes;
  // What the next envelope's header names as `previous`.
  Hash32 chain_hash{};
};

// The header's `head_office_key` and `signer` are filled in from the keys given.
SealedEnvelope seal_envelope(EnvelopeHeader header, std::string_view payload, const SigningKeyPair& kiosk,
                             const HeadOfficeBoxKey& head_office);

// The chain hash of an envelope whose header and payload are known (head office recomputes it).
Hash32 envelope_chain_hash(std::string_view header_json, std::string_view payload);

enum class EnvelopeErrc {
  TooShort,       // not an envelope at all
  UnknownFormat,  // not format 2
  UnknownKey,     // sealed to a head-office key this keyring does not hold
  CannotOpen,     // not sealed to that key, or altered in transit
  BadHeader,      // opened, but the header is not what a kiosk writes
  BadSignature,   // opened, but the signature does not match its content
};

std::string_view to_string(EnvelopeErrc code);

struct EnvelopeError {
  EnvelopeErrc code;
};

struct OpenedEnvelope {
  EnvelopeHeader header;
  std::string payload;
  Hash32 chain_hash{};
};

// Head office's keys, newest last: a kiosk seals to the newest key it was given, and head office
// opens what was sealed to any key it still holds.
class BoxKeyring {
 public:
  void add(BoxKeyPair pair) { keys_.push_back(std::move(pair)); }
  const BoxKeyPair* find(const KeyId& id) const;
  const BoxKeyPair& newest() const { return keys_.back(); }
  bool empty() const { return keys_.empty(); }
  std::span<const BoxKeyPair> keys() const { return keys_; }

 private:
  std::vector<BoxKeyPair> keys_;
};

// The key id on the outside of an envelope, readable without opening it.
Expected<KeyId, EnvelopeError> sealed_to(std::span<const unsigned char> sealed);

// Opens and checks the signature against the key the header names. The caller must still
// check that `header.signer` is the enrolled key of `header.kiosk_id`.
Expected<OpenedEnvelope, EnvelopeError> open_envelope(std::span<const unsigned char> sealed,
                                                      const BoxKeyring& head_office);

// Sealed boxes for requests that are not records (a client lookup): sealed to one head-office
// key, key id outside, no signature inside (the request itself is signed).
std::vector<unsigned char> seal_to_head_office(std::string_view plaintext,
                                               const HeadOfficeBoxKey& head_office);
Expected<std::string, EnvelopeError> open_from_kiosk(std::span<const unsigned char> sealed,
                                                     const BoxKeyring& head_office);

}  // namespace kiosk::seal
