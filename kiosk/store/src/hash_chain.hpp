#pragma once
// The link between two rows of a tamper-evident table: BLAKE2b-256 over the previous row's hash,
// the row's sequence number and its fields, each length-prefixed so no two rows hash alike.

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::store {

constexpr std::size_t kChainHashBytes = 32;

// The hash that precedes a chain's first row.
Bytes chain_genesis();

Bytes chain_hash(std::span<const unsigned char> previous, std::int64_t seq,
                 std::initializer_list<std::span<const unsigned char>> fields);

inline std::span<const unsigned char> as_bytes(std::string_view text) {
  return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

// Where a chain's surviving rows begin after pruning.
struct ChainStart {
  std::int64_t next_seq = 1;
  Bytes previous_hash = chain_genesis();
};

Expected<ChainStart, StoreError> chain_start(SqliteDatabase& db, std::string_view chain);
// The sequence number and hash the next appended row links to.
Expected<ChainStart, StoreError> chain_head(SqliteDatabase& db, std::string_view chain);

}  // namespace kiosk::store
