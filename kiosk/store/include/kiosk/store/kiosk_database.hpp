#pragma once
// Opening the kiosk's database: pragmas for durability and privacy, versioned migrations, and
// what happens to a damaged file (set aside for a tech, never deleted).

#include <chrono>
#include <filesystem>
#include <string>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::store {

// The schema this build writes; PRAGMA user_version holds the one on disk.
int latest_schema_version();

// A file that is not a database, or fails SQLite's quick check, is renamed (with its -wal and
// -shm) to NAME.corrupt-<UTC time> and the error (Corrupt) says where: the kiosk goes out of
// service and the next start begins a fresh database. A missing file is fine.
Status<StoreError> set_aside_if_damaged(const std::filesystem::path& file, const Clock& clock,
                                        const std::string& vfs = {},
                                        std::chrono::milliseconds busy_timeout = std::chrono::seconds{5});

// Creates and migrates as needed; call set_aside_if_damaged first.
Expected<SqliteDatabase, StoreError> open_service_database(
    const std::filesystem::path& file, const std::string& vfs = {},
    std::chrono::milliseconds busy_timeout = std::chrono::seconds{5});

// Opens an existing database to read or check it: nothing created, migrated or moved.
Expected<SqliteDatabase, StoreError> open_database_for_inspection(const std::filesystem::path& file,
                                                                  const std::string& vfs = {});

// Opens a database to read it without leaving anything behind: when no kiosk has it open (no
// -wal beside it) it is read as an immutable file, so not even a -shm is created; otherwise it
// is read through the WAL the running kiosk keeps.
Expected<SqliteDatabase, StoreError> open_database_read_only(const std::filesystem::path& file);

// Renames the database and its companion files aside; returns the new name of the database.
std::filesystem::path set_aside(const std::filesystem::path& file, const Clock& clock);

}  // namespace kiosk::store
