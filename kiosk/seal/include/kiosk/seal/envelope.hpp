#pragma once
// The envelope a consent record travels in to head office.
//
//   inner    = header length (2, big-endian) ‖ header (JSON) ‖ Ed25519 signature (64) ‖ payload
//   format 3 = "KCE3" ‖ head-office key id (8) ‖ window key (32) ‖ index (4) ‖ AEAD(inner)
//   format 2 = "KCE2" ‖ head-office key id (8) ‖ crypto_box_seal(inner, that key)
//
// Kiosks seal format 3 (src/envelope_window.hpp: one key agreement per window of records, a
// one-way chain of keys within it); head office still opens format 2, which older kiosks queued.
// The inner part is the same in both, so a kiosk's chain carries on across the change.
//
// The signature covers head office's box key, the header and the payload: only the kiosk can
// have written it, and it cannot be re-sealed to someone else. Only head office can open it; the
// kiosk that wrote it cannot read it back. The signed header lets head office detect a missing,
// reordered, forked or replayed record: each kiosk numbers its envelopes without gaps and links
// each to the previous one's chain hash.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/seal/keys.hpp"
#include "kiosk/seal/signature.hpp"

namespace kiosk::seal {

// The signed header's format ("v"), unchanged by format 3's outer seal.
inline constexpr int kEnvelopeFormat = 2;
// Tag, key id, seal, header length, signature: anything shorter holds no record (format 2 is the
// smaller).
inline constexpr std::size_t kMinimumEnvelopeBytes = 4 + 8 + 48 + 2 + 64;

namespace window {
class SealingState;
class OpeningCache;
}  // namespace window

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

// A kiosk's sealing: keeps the current window's chain key (never a key that opens a record already
// sealed) in memory only. One per store; not thread-safe.
class SealingWindow {
 public:
  SealingWindow();
  ~SealingWindow();
  SealingWindow(SealingWindow&&) noexcept;
  SealingWindow& operator=(SealingWindow&&) noexcept;

  // The header's `head_office_key` and `signer` are filled in from the keys given.
  SealedEnvelope seal(EnvelopeHeader header, std::string_view payload, const SigningKeyPair& kiosk,
                      const HeadOfficeBoxKey& head_office);

 private:
  std::unique_ptr<window::SealingState> state_;
};

// One envelope in a window of its own (a key agreement each, as format 2 paid).
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
  // What the signature covers besides the payload, for a check made later (SignatureCheck::Later).
  std::string signed_header;
  Signature signature{};
  BoxPublicKey sealed_to{};
  bool signature_checked = false;
};

enum class SignatureCheck {
  Now,
  // Left to the caller (signature_holds, or a later envelope that vouches_for this one): an
  // upload of a kiosk's chain needs one Ed25519 check, not one a record.
  Later,
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
                                                      const BoxKeyring& head_office,
                                                      SignatureCheck check = SignatureCheck::Now);

// Head office's opener: remembers the windows it saw lately (their chain keys), so that each
// record of a window costs a hash instead of a key agreement. Safe to share between threads.
class EnvelopeOpener {
 public:
  explicit EnvelopeOpener(std::size_t windows_kept = 256);
  ~EnvelopeOpener();
  EnvelopeOpener(const EnvelopeOpener&) = delete;
  EnvelopeOpener& operator=(const EnvelopeOpener&) = delete;

  Expected<OpenedEnvelope, EnvelopeError> open(std::span<const unsigned char> sealed,
                                               const BoxKeyring& head_office,
                                               SignatureCheck check = SignatureCheck::Now);

 private:
  std::unique_ptr<window::OpeningCache> cache_;
};

// Checks an envelope opened with SignatureCheck::Later.
bool signature_holds(const OpenedEnvelope& opened);

// True when `next` names `previous` as the record before it. An envelope whose signature holds
// then vouches for its predecessor's header and payload as well: the chain hash it signed covers
// both. (The predecessor's own signature goes unchecked; only its kiosk could have made it wrong.)
bool vouches_for(const OpenedEnvelope& next, const OpenedEnvelope& previous);

// Sealed boxes for requests that are not records (a client lookup): sealed to one head-office
// key, key id outside, no signature inside (the request itself is signed).
std::vector<unsigned char> seal_to_head_office(std::string_view plaintext,
                                               const HeadOfficeBoxKey& head_office);
Expected<std::string, EnvelopeError> open_from_kiosk(std::span<const unsigned char> sealed,
                                                     const BoxKeyring& head_office);

}  // namespace kiosk::seal
