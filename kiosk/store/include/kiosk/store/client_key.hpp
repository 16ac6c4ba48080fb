#pragma once
// How the ledger finds a returning client without knowing who they are: a keyed, deliberately
// slow hash of (issuer, document number).
//
//   prehash    = BLAKE2b-256(key = the kiosk's client-hash secret, issuer "\x1f" number)
//   client key = Argon2id(prehash, salt derived from the same secret, cost below)
//
// The keyed prehash means a database copied without its key file is useless for lookups. The
// Argon2id step is for a stolen disk, key file included: each guess costs a full hash. Canadian
// licence numbers are often partly derived from name and birth date, so a targeted guess may
// need only ~10^4-10^5 tries (minutes to hours per person on a laptop core at the default cost)
// while enumerating a whole province's ~10^8+ numbers costs years of core time; 64 MiB per
// guess also makes GPUs and ASICs a poor lever.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/core/expected.hpp"
#include "kiosk/seal/envelope.hpp"
#include "kiosk/store/store_error.hpp"

namespace kiosk::store {

using ClientKey = std::array<unsigned char, 32>;

struct ClientHashCost {
  std::uint64_t opslimit;
  std::size_t memlimit_bytes;
  bool operator==(const ClientHashCost&) const = default;
};

// Argon2id, 3 passes over 64 MiB: ~75 ms per lookup on the 2-core build machine, well under
// the second a client waits after a scan even on a kiosk CPU twice as slow.
inline constexpr ClientHashCost kKioskClientHashCost{3, std::size_t{64} << 20};
// The least libsodium accepts: only for unit tests that commit thousands of records.
ClientHashCost test_only_client_hash_cost();

// Upper case, surrounding blanks dropped; in the number, only letters and digits count (cards
// and scanners disagree on dashes and spaces).
std::string normalized_document_key(std::string_view issuer, std::string_view document_number);

class ClientKeyHasher {
 public:
  ClientKeyHasher(const seal::SecretKey<32>& secret, ClientHashCost cost);
  Expected<ClientKey, StoreError> key_for(std::string_view issuer, std::string_view document_number) const;
  const ClientHashCost& cost() const { return cost_; }

 private:
  seal::SecretKey<32> secret_;
  std::array<unsigned char, 16> salt_{};
  ClientHashCost cost_;
};

}  // namespace kiosk::store
