#pragma once
// Key types shared by the kiosk and head office. Secrets wipe themselves when dropped.
//   Ed25519 signing keys: a kiosk signs every envelope; head office signs its answers.
//   X25519 box keys: envelopes and lookups are sealed to head office's current box key.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::seal {

using SigningPublicKey = std::array<unsigned char, 32>;
using BoxPublicKey = std::array<unsigned char, 32>;
// Names one head-office box key (the first 8 bytes of its BLAKE2b hash), so that head office
// knows which of its keys opens an envelope without trying each.
using KeyId = std::array<unsigned char, 8>;

// Zeroes memory in a way the optimizer may not drop (sodium_memzero).
void wipe_bytes(void* data, std::size_t size) noexcept;

template <std::size_t N>
class SecretKey {
 public:
  SecretKey() = default;
  SecretKey(const SecretKey& other) : bytes_(other.bytes_) {}
  SecretKey& operator=(const SecretKey& other) {
    bytes_ = other.bytes_;
    return *this;
  }
  ~SecretKey() { wipe_bytes(bytes_.data(), bytes_.size()); }
  unsigned char* data() { return bytes_.data(); }
  const unsigned char* data() const { return bytes_.data(); }
  static constexpr std::size_t size() { return N; }
  std::span<const unsigned char, N> bytes() const { return bytes_; }

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

// A head-office box key as a kiosk holds it: the public half and its id.
struct HeadOfficeBoxKey {
  KeyId id{};
  BoxPublicKey public_key{};
  bool operator==(const HeadOfficeBoxKey&) const = default;
};

SigningKeyPair generate_signing_key_pair();
BoxKeyPair generate_box_key_pair();
// Rebuilds a pair from its secret (what a key file holds).
SigningKeyPair signing_key_pair_from_secret(std::span<const unsigned char, 64> secret);
BoxKeyPair box_key_pair_from_secret(std::span<const unsigned char, 32> secret);

KeyId key_id_of(const BoxPublicKey& key);
HeadOfficeBoxKey head_office_key_of(const BoxKeyPair& pair);

// A short, stable name for any public key, for logs, the database and the tech's screen:
// hex BLAKE2b-256 of the key, first 16 bytes.
std::string fingerprint(std::span<const unsigned char> public_key);

std::string to_hex(std::span<const unsigned char> bytes);
// Empty when the text is not hex of exactly `size` bytes.
std::optional<std::vector<unsigned char>> from_hex(std::string_view text, std::size_t size);
// Unpadded base64url (RFC 4648 §5): printable, safe in URLs, headers and QR codes.
std::string to_base64url(std::span<const unsigned char> bytes);
std::optional<std::vector<unsigned char>> from_base64url(std::string_view text);

template <std::size_t N>
std::optional<std::array<unsigned char, N>> array_from_hex(std::string_view text) {
  auto bytes = from_hex(text, N);
  if (!bytes) return std::nullopt;
  std::array<unsigned char, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = (*bytes)[i];
  return out;
}

}  // namespace kiosk::seal
