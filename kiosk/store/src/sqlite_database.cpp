#include "kiosk/store/sqlite_database.hpp"

#include <sqlite3.h>

namespace kiosk::store {

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

// Bind failures (wrong index, out of memory) surface as the error of the next step().
Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Statement& Statement::bind(int index, std::span<const unsigned char> blob) {
  sqlite3_bind_blob64(stmt_, index, blob.empty() ? "" : static_cast<const void*>(blob.data()), blob.size(),
                      SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Expected<bool, StoreError> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  StoreError error = sqlite_error(sqlite3_extended_errcode(db_), sqlite3_sql(stmt_));
  sqlite3_reset(stmt_);
  return fail(std::move(error));
}

Status<StoreError> Statement::run() {
  auto stepped = step();
  if (!stepped) return fail(stepped.error());
  sqlite3_reset(stmt_);
  return Ok{};
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::column_int(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(stmt_, index);
  return text == nullptr ? std::string()
                         : std::string(reinterpret_cast<const char*>(text),
                                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)));
}

Bytes Statement::column_blob(int index) const {
  const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, index));
  return blob == nullptr ? Bytes() : Bytes(blob, blob + sqlite3_column_bytes(stmt_, index));
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

namespace {

// file: URI of a path, with the characters a URI gives meaning to escaped.
std::string uri_for(const std::filesystem::path& file) {
  const std::string path = std::filesystem::absolute(file).string();
  std::string uri = "file:";
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      uri += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      uri += c;
    }
  }
  return uri;
}

}  // namespace

Expected<SqliteDatabase, StoreError> SqliteDatabase::open(const std::filesystem::path& file,
                                                          const OpenFlags& flags) {
  sqlite3* db = nullptr;
  const bool read_only = flags.read_only || flags.immutable;
  int open_flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
  if (flags.create && !read_only) open_flags |= SQLITE_OPEN_CREATE;
  std::string name = file.string();
  if (flags.immutable) {
    open_flags |= SQLITE_OPEN_URI;
    name = uri_for(file) + "?immutable=1";
  }
  const int rc =
      sqlite3_open_v2(name.c_str(), &db, open_flags, flags.vfs.empty() ? nullptr : flags.vfs.c_str());
  if (rc != SQLITE_OK) {
    StoreError error = sqlite_error(db ? sqlite3_extended_errcode(db) : rc, "open " + file.string());
    sqlite3_close(db);
    return fail(std::move(error));
  }
  sqlite3_extended_result_codes(db, 1);
  if (flags.keep_wal_on_close) sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  return SqliteDatabase(db);
}

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

SqliteDatabase::~SqliteDatabase() {
  // sqlite3_close_v2 would defer on unfinalized statements; every Statement is RAII, so close.
  sqlite3_close(db_);
}

Status<StoreError> SqliteDatabase::exec(std::string_view sql) {
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return fail(sqlite_error(sqlite3_extended_errcode(db_), text));
  }
  return Ok{};
}

Expected<Statement, StoreError> SqliteDatabase::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    return fail(sqlite_error(sqlite3_extended_errcode(db_), std::string(sql)));
  }
  return Statement(db_, stmt);
}

Expected<std::string, StoreError> SqliteDatabase::query_text(std::string_view sql) {
  auto statement = prepare(sql);
  if (!statement) return fail(statement.error());
  auto row = statement->step();
  if (!row) return fail(row.error());
  return *row ? statement->column_text(0) : std::string();
}

Expected<std::int64_t, StoreError> SqliteDatabase::query_int(std::string_view sql) {
  auto statement = prepare(sql);
  if (!statement) return fail(statement.error());
  auto row = statement->step();
  if (!row) return fail(row.error());
  return *row ? statement->column_int(0) : std::int64_t{0};
}

std::int64_t SqliteDatabase::changes() const {
  return sqlite3_changes64(db_);
}

bool SqliteDatabase::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

Expected<Transaction, StoreError> Transaction::begin(SqliteDatabase& db) {
  auto begun = db.exec("BEGIN IMMEDIATE");
  if (!begun) return fail(begun.error());
  return Transaction(&db);
}

Transaction::~Transaction() {
  // Never throws: a failed rollback leaves SQLite to roll back from the journal on next open.
  if (db_ != nullptr && db_->in_transaction())
    sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Status<StoreError> Transaction::commit() {
  auto committed = db_->exec("COMMIT");
  if (!committed) return committed;  // the destructor rolls back whatever is left
  db_ = nullptr;
  return Ok{};
}

}  // namespace kiosk::store
