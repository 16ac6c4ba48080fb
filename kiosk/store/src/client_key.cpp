#include "kiosk/store/client_key.hpp"

#include <sodium.h>
#include <cctype>
#include <string>

namespace kiosk::store {
namespace {

std::string upper_trimmed(std::string_view text, bool alphanumeric_only) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (alphanumeric_only ? !std::isalnum(u) : std::isspace(u)) continue;
    out.push_back(static_cast<char>(std::toupper(u)));
  }
  return out;
}

}  // namespace

ClientHashCost test_only_client_hash_cost() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

std::string normalized_document_key(std::string_view issuer, std::string_view document_number) {
  return upper_trimmed(issuer, false) + '\x1f' + upper_trimmed(document_number, true);
}

ClientKeyHasher::ClientKeyHasher(const seal::SecretKey<32>& secret, ClientHashCost cost)
    : secret_(secret), cost_(cost) {
  constexpr std::string_view label = "kiosk-client-key-salt/1";
  crypto_generichash(salt_.data(), salt_.size(), reinterpret_cast<const unsigned char*>(label.data()),
                     label.size(), secret_.data(), secret_.size());
}

Expected<ClientKey, StoreError> ClientKeyHasher::key_for(std::string_view issuer,
                                                         std::string_view document_number) const {
  std::string normalized = normalized_document_key(issuer, document_number);
  unsigned char prehash[32];
  crypto_generichash(prehash, sizeof prehash, reinterpret_cast<const unsigned char*>(normalized.data()),
                     normalized.size(), secret_.data(), secret_.size());
  sodium_memzero(normalized.data(), normalized.size());
  ClientKey key{};
  const int rc =
      crypto_pwhash(key.data(), key.size(), reinterpret_cast<const char*>(prehash), sizeof prehash,
                    salt_.data(), cost_.opslimit, cost_.memlimit_bytes, crypto_pwhash_ALG_ARGON2ID13);
  sodium_memzero(prehash, sizeof prehash);
  if (rc != 0) return fail(StoreError{StoreErrc::Internal, "Argon2id ran out of memory"});
  return key;
}

}  // namespace kiosk::store
