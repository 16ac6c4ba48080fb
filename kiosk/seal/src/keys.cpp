#include "kiosk/seal/keys.hpp"

#include <sodium.h>

#include <cassert>
#include <cstring>
#include <stdexcept>

namespace kiosk::seal {
namespace {

void ensure_sodium() {
  // sodium_init fails only when the system cannot supply randomness: nothing may be signed then.
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
}

}  // namespace

void wipe_bytes(void* data, std::size_t size) noexcept {
  sodium_memzero(data, size);
}

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

KeyId key_id_of(const BoxPublicKey& key) {
  ensure_sodium();
  unsigned char hash[32];
  constexpr std::string_view domain = "kiosk-box-key-id/1";
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, sizeof hash);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(domain.data()), domain.size());
  crypto_generichash_update(&state, key.data(), key.size());
  crypto_generichash_final(&state, hash, sizeof hash);
  KeyId id{};
  std::memcpy(id.data(), hash, id.size());
  return id;
}

HeadOfficeBoxKey head_office_key_of(const BoxKeyPair& pair) {
  return {key_id_of(pair.public_key), pair.public_key};
}

std::string fingerprint(std::span<const unsigned char> public_key) {
  ensure_sodium();
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, public_key.data(), public_key.size(), nullptr, 0);
  return to_hex(hash);
}

std::string to_hex(std::span<const unsigned char> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

std::optional<std::vector<unsigned char>> from_hex(std::string_view text, std::size_t size) {
  if (text.size() != size * 2) return std::nullopt;
  std::vector<unsigned char> out(size);
  std::size_t written = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &written, &end) != 0 ||
      written != size || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return out;
}

std::string to_base64url(std::span<const unsigned char> bytes) {
  constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), variant);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::vector<unsigned char>> from_base64url(std::string_view text) {
  std::vector<unsigned char> out(text.size() * 3 / 4 + 3);
  std::size_t written = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &written, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(written);
  return out;
}

}  // namespace kiosk::seal
