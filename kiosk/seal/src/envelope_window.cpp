#include "envelope_window.hpp"

#include <sodium.h>

#include <cstring>

#include "kiosk/seal/signature.hpp"

namespace kiosk::seal::window {
namespace {

constexpr std::string_view kWindowDomain = "kiosk-envelope-window/3";
constexpr std::string_view kRatchetDomain = "kiosk-envelope-ratchet/3";
constexpr std::string_view kMessageDomain = "kiosk-envelope-message/3";

ChainKey from_hash(Hash32 hash) {
  ChainKey key;
  std::memcpy(key.data(), hash.data(), key.size());
  wipe_bytes(hash.data(), hash.size());
  return key;
}

std::array<unsigned char, 64> cache_key(const BoxPublicKey& head_office, const BoxPublicKey& window_public) {
  std::array<unsigned char, 64> key{};
  std::memcpy(key.data(), head_office.data(), 32);
  std::memcpy(key.data() + 32, window_public.data(), 32);
  return key;
}

// Walks the chain from `first` to key `index`: what an uncached open pays.
ChainKey chain_at(ChainKey chain, std::uint32_t index) {
  for (std::uint32_t i = 0; i < index; ++i) chain = next_chain_key(chain);
  return chain;
}

std::optional<ChainKey> first_for(const BoxKeyPair& box, const BoxPublicKey& window_public) {
  SecretKey<32> shared;
  if (crypto_scalarmult(shared.data(), box.secret.data(), window_public.data()) != 0) return std::nullopt;
  return first_chain_key(shared.bytes(), window_public, box.public_key);
}

}  // namespace

ChainKey first_chain_key(std::span<const unsigned char, 32> shared, const BoxPublicKey& window_public,
                         const BoxPublicKey& head_office) {
  return from_hash(hash_parts(kWindowDomain, {shared, window_public, head_office}));
}

ChainKey next_chain_key(const ChainKey& chain) {
  return from_hash(hash_parts(kRatchetDomain, {}, chain.bytes()));
}

ChainKey message_key(const ChainKey& chain) {
  return from_hash(hash_parts(kMessageDomain, {}, chain.bytes()));
}

void SealingState::open_window(const HeadOfficeBoxKey& head_office) {
  SecretKey<32> window_secret;
  SecretKey<32> shared;
  // A public key of small order would give a shared secret anyone knows; a fresh key pair from
  // libsodium's generator never is one, so a failure here means head office's key is bad.
  for (;;) {
    crypto_box_keypair(window_public_.data(), window_secret.data());
    if (crypto_scalarmult(shared.data(), window_secret.data(), head_office.public_key.data()) == 0) break;
  }
  chain_ = first_chain_key(shared.bytes(), window_public_, head_office.public_key);
  head_office_ = head_office;
  next_index_ = 0;
}

std::vector<unsigned char> SealingState::seal(std::span<const unsigned char> inner,
                                              const HeadOfficeBoxKey& head_office) {
  if (!head_office_ || *head_office_ != head_office || next_index_ >= kWindowRecords)
    open_window(head_office);
  const std::uint32_t index = next_index_++;
  const ChainKey key = message_key(chain_);
  // The chain moves on before anything is sealed: this record's key is never derivable again here.
  chain_ = next_chain_key(chain_);

  std::vector<unsigned char> sealed(kOuterBytes + inner.size() + kTagBytes);
  unsigned char* at = sealed.data();
  std::memcpy(at, kTag.data(), kTag.size());
  std::memcpy(at + 4, head_office.id.data(), head_office.id.size());
  std::memcpy(at + 12, window_public_.data(), window_public_.size());
  for (int byte = 0; byte < 4; ++byte) at[44 + byte] = static_cast<unsigned char>(index >> (24 - 8 * byte));
  const std::array<unsigned char, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES> nonce{};
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(sealed.data() + kOuterBytes, &written, inner.data(),
                                             inner.size(), sealed.data(), kOuterBytes, nullptr, nonce.data(),
                                             key.data());
  return sealed;
}

std::optional<ChainKey> OpeningCache::message_key_for(const BoxKeyPair& box,
                                                      const BoxPublicKey& window_public,
                                                      std::uint32_t index) {
  if (index >= kWindowRecords) return std::nullopt;
  if (max_windows_ == 0) {
    auto first = first_for(box, window_public);
    if (!first) return std::nullopt;
    return message_key(chain_at(*first, index));
  }
  const auto key = cache_key(box.public_key, window_public);
  std::lock_guard lock(mutex_);
  auto found = windows_.find(key);
  if (found == windows_.end()) {
    auto first = first_for(box, window_public);
    if (!first) return std::nullopt;
    if (windows_.size() >= max_windows_) {
      windows_.erase(recency_.back());
      recency_.pop_back();
    }
    recency_.push_front(key);
    found = windows_.emplace(key, Window{{*first}, recency_.begin()}).first;
  } else {
    recency_.splice(recency_.begin(), recency_, found->second.recency);
  }
  std::vector<ChainKey>& chain = found->second.chain;
  while (chain.size() <= index) chain.push_back(next_chain_key(chain.back()));
  return message_key(chain[index]);
}

std::optional<std::vector<unsigned char>> open_inner(std::span<const unsigned char> sealed,
                                                     const ChainKey& key) {
  if (sealed.size() < kOuterBytes + kTagBytes) return std::nullopt;
  std::vector<unsigned char> inner(sealed.size() - kOuterBytes - kTagBytes);
  const std::array<unsigned char, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES> nonce{};
  unsigned long long read = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(inner.data(), &read, nullptr, sealed.data() + kOuterBytes,
                                                 sealed.size() - kOuterBytes, sealed.data(), kOuterBytes,
                                                 nonce.data(), key.data()) != 0) {
    return std::nullopt;
  }
  return inner;
}

}  // namespace kiosk::seal::window
