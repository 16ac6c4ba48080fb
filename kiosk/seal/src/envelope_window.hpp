#pragma once
// Format 3's outer seal: one key agreement per window of records instead of one per record.
//
//   envelope = "KCE3" ‖ head-office key id (8) ‖ window public key (32) ‖ index (4, big-endian)
//              ‖ XChaCha20-Poly1305(inner, message key `index`, nonce 0, ad = the 48 bytes before)
//
// The kiosk makes a fresh X25519 key pair for a window, agrees a chain key with head office's box
// key and forgets the secret half at once. Each record's message key comes from the current chain
// key, which is then replaced by its one-way successor: the kiosk never holds a key that opens a
// record it already sealed, as with one sealed box per record, while head office pays one key
// agreement for up to kWindowRecords records. A message key seals one record only, so a fixed
// nonce is safe.
#include <array>
#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "kiosk/seal/keys.hpp"

namespace kiosk::seal::window {

inline constexpr std::array<unsigned char, 4> kTag = {'K', 'C', 'E', '3'};
inline constexpr std::uint32_t kWindowRecords = 1024;
inline constexpr std::size_t kOuterBytes = 4 + 8 + 32 + 4;
inline constexpr std::size_t kTagBytes = 16;  // the AEAD's authentication tag

using ChainKey = SecretKey<32>;

ChainKey first_chain_key(std::span<const unsigned char, 32> shared, const BoxPublicKey& window_public,
                         const BoxPublicKey& head_office);
ChainKey next_chain_key(const ChainKey& chain);
ChainKey message_key(const ChainKey& chain);

// The kiosk's side: the window in use. Not thread-safe (the store seals inside its one writer).
class SealingState {
 public:
  // The outer envelope for `inner`, sealed to `head_office`; opens a new window first when none is
  // open, the last is used up, or head office's key changed.
  std::vector<unsigned char> seal(std::span<const unsigned char> inner, const HeadOfficeBoxKey& head_office);

 private:
  void open_window(const HeadOfficeBoxKey& head_office);

  std::optional<HeadOfficeBoxKey> head_office_;
  BoxPublicKey window_public_{};
  std::uint32_t next_index_ = 0;
  ChainKey chain_;
};

// Head office's side: chain keys of the windows seen lately, so that each record of a window
// costs a hash or two instead of a key agreement. Safe to share between threads.
class OpeningCache {
 public:
  explicit OpeningCache(std::size_t max_windows) : max_windows_(max_windows) {}
  // The message key for `index` of the window `window_public` under head office's `box` key; empty
  // when the window key is unusable (a low-order point) or the index is past a window's end.
  std::optional<ChainKey> message_key_for(const BoxKeyPair& box, const BoxPublicKey& window_public,
                                          std::uint32_t index);

 private:
  struct Window {
    std::vector<ChainKey> chain;  // chain keys 0..n-1 derived so far
    std::list<std::array<unsigned char, 64>>::iterator recency;
  };
  std::mutex mutex_;
  std::size_t max_windows_;
  // Keyed by head-office public key ‖ window public key.
  std::map<std::array<unsigned char, 64>, Window> windows_;
  std::list<std::array<unsigned char, 64>> recency_;  // most recently used first
};

// Opens the AEAD of a format-3 envelope with its message key; empty if altered.
std::optional<std::vector<unsigned char>> open_inner(std::span<const unsigned char> sealed,
                                                     const ChainKey& key);

}  // namespace kiosk::seal::window
