#include "hash_chain.hpp"

#include <sodium.h>

namespace kiosk::store {
namespace {

void update_with_length(crypto_generichash_state& state, std::span<const unsigned char> bytes) {
  unsigned char length[8];
  for (int i = 0; i < 8; ++i)
    length[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(bytes.size()) >> (8 * i));
  crypto_generichash_update(&state, length, sizeof length);
  crypto_generichash_update(&state, bytes.data(), bytes.size());
}

// Only the two chains below exist; the name is never taken from outside.
std::string table_of(std::string_view chain) {
  return chain == "audit" ? "audit" : "ledger";
}

}  // namespace

Bytes chain_genesis() {
  return Bytes(kChainHashBytes, 0);
}

Bytes chain_hash(std::span<const unsigned char> previous, std::int64_t seq,
                 std::initializer_list<std::span<const unsigned char>> fields) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, kChainHashBytes);
  update_with_length(state, previous);
  const std::string seq_text = std::to_string(seq);
  update_with_length(state, as_bytes(seq_text));
  for (auto field : fields) update_with_length(state, field);
  Bytes out(kChainHashBytes);
  crypto_generichash_final(&state, out.data(), out.size());
  return out;
}

Expected<ChainStart, StoreError> chain_start(SqliteDatabase& db, std::string_view chain) {
  auto statement = db.prepare("SELECT last_seq, last_hash FROM chain_checkpoint WHERE chain = ?");
  if (!statement) return fail(statement.error());
  statement->bind(1, chain);
  auto row = statement->step();
  if (!row) return fail(row.error());
  ChainStart start;
  if (*row) {
    start.next_seq = statement->column_int(0) + 1;
    start.previous_hash = statement->column_blob(1);
  }
  return start;
}

Expected<ChainStart, StoreError> chain_head(SqliteDatabase& db, std::string_view chain) {
  auto statement = db.prepare("SELECT seq, row_hash FROM " + table_of(chain) + " ORDER BY seq DESC LIMIT 1");
  if (!statement) return fail(statement.error());
  auto row = statement->step();
  if (!row) return fail(row.error());
  if (!*row) return chain_start(db, chain);
  return ChainStart{statement->column_int(0) + 1, statement->column_blob(1)};
}

}  // namespace kiosk::store
