#include "kiosk/store/kiosk_store.hpp"

#include <stdexcept>
#include <system_error>

#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/outbox_salvage.hpp"
#include "kiosk/store/recorded_keys.hpp"

namespace kiosk::store {
namespace {

// The database remembers the hash cost it was created with: changing it would turn every
// returning client into a stranger.
Expected<ClientHashCost, StoreError> settle_hash_cost(SqliteDatabase& db, const ClientHashCost& wanted) {
  const std::pair<std::string_view, std::string> defaults[] = {
      {"client_hash_opslimit", std::to_string(wanted.opslimit)},
      {"client_hash_memlimit", std::to_string(wanted.memlimit_bytes)},
  };
  for (const auto& [key, value] : defaults) {
    auto insert = db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES(?, ?)");
    if (!insert) return fail(insert.error());
    if (auto done = insert->bind(1, key).bind(2, value).run(); !done) return fail(done.error());
  }
  auto ops = read_meta(db, "client_hash_opslimit");
  auto mem = read_meta(db, "client_hash_memlimit");
  if (!ops) return fail(ops.error());
  if (!mem) return fail(mem.error());
  try {
    return ClientHashCost{std::stoull(**ops), static_cast<std::size_t>(std::stoull(**mem))};
  } catch (const std::logic_error&) {
    return fail(StoreError{StoreErrc::Corrupt, "meta: client hash cost unreadable"});
  }
}

}  // namespace

Expected<OpenedStore, StoreError> open_kiosk_store(const StoreOptions& options, const Clock& clock,
                                                   Logger& logger) {
  auto report = [&](const StoreError& error) {
    logger.error("store", std::string(to_string(error.code)) + ": " + error.detail);
    return fail(error);
  };
  // A damaged file goes aside before anything else: it is no database to keep keys for.
  auto healthy = set_aside_if_damaged(options.database, clock, options.vfs, options.busy_timeout);
  if (!healthy) return report(healthy.error());
  // Then the keys: a database is never created without the keys that protect what goes in it,
  // and a database that exists never gets new ones.
  std::error_code ec;
  const bool exists = std::filesystem::exists(options.database, ec);
  const KeyFiles files = key_files_for(options.database, options.keys);
  auto keys = load_kiosk_keys(options.database, options.keys, !exists);
  if (!keys) return report(keys.error());
  auto db = open_service_database(options.database, options.vfs, options.busy_timeout);
  if (!db) return report(db.error());
  auto salvaged = salvage_set_aside_outboxes(*db, options.database, clock);
  if (!salvaged) return report(salvaged.error());
  if (salvaged->files > 0) {
    logger.warn("store", "fresh database after a damaged one: " + std::to_string(salvaged->envelopes) +
                             " unsent envelopes salvaged from " + std::to_string(salvaged->files) +
                             " set-aside file(s), chain continues after seq " +
                             std::to_string(salvaged->last_seq));
  }

  auto transaction = Transaction::begin(*db);
  if (!transaction) return report(transaction.error());
  if (auto settled = settle_recorded_keys(*db, options.database, *keys, files); !settled)
    return report(settled.error());
  auto cost = settle_hash_cost(*db, options.client_hash_cost);
  if (!cost) return report(cost.error());
  if (auto committed = transaction->commit(); !committed) return report(committed.error());
  return OpenedStore{std::move(*db), std::move(*keys), files, *cost};
}

}  // namespace kiosk::store
