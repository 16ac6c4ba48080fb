#pragma once
// A thin RAII layer over libpq: a connection that prepares each statement once, results that free
// themselves, a pool per process, and every failure as an HqError (busy, unavailable, or refused).

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/hq/hq_error.hpp"

struct pg_conn;
struct pg_result;

namespace kiosk::hq::pg {

// One statement parameter: text, or bytes sent in binary.
class Param {
 public:
  Param(std::string_view text) : value_(text) {}  // NOLINT: params read best inline
  Param(const std::string& text) : value_(text) {}
  Param(const char* text) : value_(text) {}
  Param(std::int64_t number) : value_(std::to_string(number)) {}
  static Param bytes(std::span<const unsigned char> bytes) {
    Param param(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    param.binary_ = true;
    return param;
  }
  const std::string& value() const { return value_; }
  bool binary() const { return binary_; }

 private:
  std::string value_;
  bool binary_ = false;
};

class Result {
 public:
  explicit Result(pg_result* result) : result_(result) {}
  Result(Result&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}
  Result& operator=(Result&&) = delete;
  Result(const Result&) = delete;
  ~Result();

  int rows() const;
  std::string text(int row, int column) const;
  std::int64_t integer(int row, int column) const;
  bool is_null(int row, int column) const;
  // A bytea column, read in PostgreSQL's text form (\x followed by hex).
  std::vector<unsigned char> bytes(int row, int column) const;
  // Rows an INSERT, UPDATE or DELETE touched.
  std::int64_t affected() const;
  pg_result* raw() const { return result_; }

 private:
  pg_result* result_;
};

class Pipeline;

class Connection {
 public:
  static Expected<std::unique_ptr<Connection>, HqError> open(const std::string& url, int lock_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Expected<Result, HqError> run(std::string_view sql, std::span<const Param> params = {});
  Status<HqError> run_each(std::span<const std::string> statements);
  // Prepared once per connection under `name`, then executed.
  Expected<Result, HqError> run_prepared(std::string_view name, std::string_view sql,
                                         std::span<const Param> params);

  bool broken() const;

 private:
  friend class Pipeline;
  explicit Connection(pg_conn* conn) : conn_(conn) {}
  Status<HqError> prepare_once(std::string_view name, std::string_view sql);
  HqError error_of(pg_result* result, std::string_view what) const;

  pg_conn* conn_;
  std::set<std::string, std::less<>> prepared_;
  // A pipeline left before its sync leaves results unread: the connection cannot be reused.
  bool unusable_ = false;
};

struct NamedStatement {
  std::string_view name;
  std::string_view sql;
};

// Statements sent back to back without waiting for answers: one round trip at sync(). They run
// in one implicit transaction, committed at the sync, or rolled back whole at the first error.
// Dropped before sync(), it leaves answers unread: its connection is then not reused.
class Pipeline {
 public:
  // Prepares the statements it will send (a prepare inside a pipeline would cost its own round
  // trip), then enters pipeline mode.
  static Expected<Pipeline, HqError> begin(Connection& connection,
                                           std::span<const NamedStatement> statements);
  Pipeline(Pipeline&& other) noexcept
      : connection_(std::exchange(other.connection_, nullptr)), sent_(other.sent_) {}
  Pipeline& operator=(Pipeline&&) = delete;
  ~Pipeline();

  Status<HqError> send(std::string_view name, std::span<const Param> params);
  // Each statement's result, in the order sent, once the transaction committed.
  Expected<std::vector<Result>, HqError> sync();

 private:
  explicit Pipeline(Connection& connection) : connection_(&connection) {}
  Connection* connection_;
  std::size_t sent_ = 0;
};

// A fixed number of connections, opened when first needed; a broken one is dropped and replaced.
class Pool {
 public:
  Pool(std::string url, int size, int lock_timeout_ms)
      : url_(std::move(url)), size_(size), lock_timeout_ms_(lock_timeout_ms) {}

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  Expected<Lease, HqError> acquire();

 private:
  void give_back(std::unique_ptr<Connection> connection);

  std::string url_;
  int size_;
  int lock_timeout_ms_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
};

}  // namespace kiosk::hq::pg
