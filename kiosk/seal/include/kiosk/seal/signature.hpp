#pragma once
// Detached Ed25519 signatures and keyed hashes, each under a domain string: a signature made for
// one purpose (an envelope, a request, an answer, a receipt) never verifies as another.

#include <array>
#include <initializer_list>
#include <span>
#include <string_view>

#include "kiosk/seal/keys.hpp"

namespace kiosk::seal {

using Signature = std::array<unsigned char, 64>;
using Hash32 = std::array<unsigned char, 32>;

inline std::span<const unsigned char> bytes_of(std::string_view text) {
  return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

// Signs domain ‖ each part, every piece length-prefixed so that no two messages sign alike.
Signature sign_parts(std::string_view domain, std::initializer_list<std::span<const unsigned char>> parts,
                     const SigningKeyPair& signer);
bool verify_parts(std::string_view domain, std::initializer_list<std::span<const unsigned char>> parts,
                  std::span<const unsigned char> signature, const SigningPublicKey& signer);

// BLAKE2b-256 of domain ‖ parts (length-prefixed), keyed when `key` is not empty.
Hash32 hash_parts(std::string_view domain, std::initializer_list<std::span<const unsigned char>> parts,
                  std::span<const unsigned char> key = {});

// Constant-time comparison, for MACs and proofs.
bool equal_secret(std::span<const unsigned char> a, std::span<const unsigned char> b);

}  // namespace kiosk::seal
