#pragma once
// A thin RAII layer over the SQLite C API: a connection, prepared statements and a transaction
// that rolls back in its destructor unless committed. Every failure is a StoreError value.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/store/store_error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::store {

using Bytes = std::vector<unsigned char>;

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::span<const unsigned char> blob);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);

  // True while a row is available; false when done.
  Expected<bool, StoreError> step();
  // Runs a statement that returns no rows.
  Status<StoreError> run();
  void reset();

  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  Bytes column_blob(int index) const;
  bool column_is_null(int index) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

struct OpenFlags {
  bool create = true;
  std::string vfs;  // empty: SQLite's default; tests pass a fault-injecting VFS
  bool read_only = false;
  // Leave the WAL as it is when this connection closes (no checkpoint into the database).
  bool keep_wal_on_close = false;
  // Read a file nothing else is writing, creating nothing beside it (no -wal, no -shm): SQLite's
  // `immutable` open. Implies read_only.
  bool immutable = false;
};

class SqliteDatabase {
 public:
  static Expected<SqliteDatabase, StoreError> open(const std::filesystem::path& file, const OpenFlags& flags);
  SqliteDatabase(SqliteDatabase&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  SqliteDatabase& operator=(SqliteDatabase&& other) noexcept;
  SqliteDatabase(const SqliteDatabase&) = delete;
  ~SqliteDatabase();

  Status<StoreError> exec(std::string_view sql);
  Expected<Statement, StoreError> prepare(std::string_view sql);
  // The single value of a one-row, one-column query such as a PRAGMA.
  Expected<std::string, StoreError> query_text(std::string_view sql);
  Expected<std::int64_t, StoreError> query_int(std::string_view sql);
  bool in_transaction() const;
  // Rows changed by the last statement.
  std::int64_t changes() const;
  sqlite3* handle() const { return db_; }

 private:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// BEGIN IMMEDIATE: takes the write lock up front, so a busy database fails at begin, before
// anything was prepared, rather than at commit.
class Transaction {
 public:
  static Expected<Transaction, StoreError> begin(SqliteDatabase& db);
  Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status<StoreError> commit();

 private:
  explicit Transaction(SqliteDatabase* db) : db_(db) {}
  SqliteDatabase* db_;
};

}  // namespace kiosk::store
