#include "kiosk/seal/signature.hpp"

#include <sodium.h>

#include <vector>

namespace kiosk::seal {
namespace {

void append_with_length(std::vector<unsigned char>& out, std::span<const unsigned char> bytes) {
  const auto size = static_cast<std::uint64_t>(bytes.size());
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<unsigned char>(size >> (8 * i)));
  out.insert(out.end(), bytes.begin(), bytes.end());
}

std::vector<unsigned char> framed(std::string_view domain,
                                  std::initializer_list<std::span<const unsigned char>> parts) {
  std::vector<unsigned char> message;
  std::size_t total = domain.size() + 8;
  for (auto part : parts) total += part.size() + 8;
  message.reserve(total);
  append_with_length(message, bytes_of(domain));
  for (auto part : parts) append_with_length(message, part);
  return message;
}

}  // namespace

Signature sign_parts(std::string_view domain, std::initializer_list<std::span<const unsigned char>> parts,
                     const SigningKeyPair& signer) {
  std::vector<unsigned char> message = framed(domain, parts);
  Signature signature{};
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), signer.secret.data());
  // The message may hold a client's record in clear.
  sodium_memzero(message.data(), message.size());
  return signature;
}

bool verify_parts(std::string_view domain, std::initializer_list<std::span<const unsigned char>> parts,
                  std::span<const unsigned char> signature, const SigningPublicKey& signer) {
  if (signature.size() != crypto_sign_BYTES) return false;
  std::vector<unsigned char> message = framed(domain, parts);
  const bool valid =
      crypto_sign_verify_detached(signature.data(), message.data(), message.size(), signer.data()) == 0;
  sodium_memzero(message.data(), message.size());
  return valid;
}

Hash32 hash_parts(std::string_view domain, std::initializer_list<std::span<const unsigned char>> parts,
                  std::span<const unsigned char> key) {
  std::vector<unsigned char> message = framed(domain, parts);
  Hash32 out{};
  crypto_generichash(out.data(), out.size(), message.data(), message.size(),
                     key.empty() ? nullptr : key.data(), key.size());
  sodium_memzero(message.data(), message.size());
  return out;
}

bool equal_secret(std::span<const unsigned char> a, std::span<const unsigned char> b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kiosk::seal
