#pragma once
// Opening the kiosk's store as every part of the kiosk does (the consent service, the uploader,
// kioskctl): keys loaded and checked, the database checked (a damaged one set aside), migrated,
// a fresh one continuing the chain of the one set aside, and the keys compared with what the
// database recorded.

#include <chrono>
#include <filesystem>
#include <string>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/store/client_key.hpp"
#include "kiosk/store/kiosk_keys.hpp"
#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::store {

struct StoreOptions {
  std::filesystem::path database;
  std::string kiosk_id;
  KeyPolicy keys;
  // Fixed when the database is created (stored in it); an existing database keeps its own.
  ClientHashCost client_hash_cost = kKioskClientHashCost;
  std::string vfs;  // empty: SQLite's default
  // How long a write waits for another writer before reporting Locked.
  std::chrono::milliseconds busy_timeout{5000};
};

struct OpenedStore {
  SqliteDatabase db;
  KioskKeys keys;
  KeyFiles files;
  ClientHashCost client_hash_cost;
};

Expected<OpenedStore, StoreError> open_kiosk_store(const StoreOptions& options, const Clock& clock,
                                                   Logger& logger);

}  // namespace kiosk::store
