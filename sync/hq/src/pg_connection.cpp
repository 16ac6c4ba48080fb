#include "pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>

namespace kiosk::hq::pg {
namespace {

// SQLSTATE classes that mean "try again shortly" and "the database is not there".
bool busy_state(std::string_view state) {
  return state == "40001" || state == "40P01" || state == "55P03" || state == "57014" ||
         state.starts_with("53");
}
bool unavailable_state(std::string_view state) {
  return state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct ParamArrays {
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  explicit ParamArrays(std::span<const Param> params) {
    for (const Param& param : params) {
      values.push_back(param.value().c_str());
      lengths.push_back(static_cast<int>(param.value().size()));
      formats.push_back(param.binary() ? 1 : 0);
    }
  }
  int count() const { return static_cast<int>(values.size()); }
};

}  // namespace

Result::~Result() {
  PQclear(result_);
}

int Result::rows() const {
  return PQntuples(result_);
}

std::string Result::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::int64_t Result::integer(int row, int column) const {
  const char* text = PQgetvalue(result_, row, column);
  std::int64_t value = 0;
  std::from_chars(text, text + PQgetlength(result_, row, column), value);
  return value;
}

bool Result::is_null(int row, int column) const {
  return PQgetisnull(result_, row, column) == 1;
}

std::vector<unsigned char> Result::bytes(int row, int column) const {
  const std::string hex = text(row, column);
  std::vector<unsigned char> out;
  if (hex.size() < 2 || hex[0] != '\\' || hex[1] != 'x') return out;
  out.reserve((hex.size() - 2) / 2);
  for (std::size_t at = 2; at + 1 < hex.size(); at += 2) {
    const int high = hex_value(hex[at]);
    const int low = hex_value(hex[at + 1]);
    if (high < 0 || low < 0) return {};
    out.push_back(static_cast<unsigned char>(high * 16 + low));
  }
  return out;
}

std::int64_t Result::affected() const {
  const char* text = PQcmdTuples(result_);
  std::int64_t value = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), value);
  return value;
}

Expected<std::unique_ptr<Connection>, HqError> Connection::open(const std::string& url, int lock_timeout_ms) {
  // The URL is expanded as a connection string; the keywords after it add to what it says.
  const std::string options = "-c lock_timeout=" + std::to_string(lock_timeout_ms);
  const char* keywords[] = {"dbname", "connect_timeout", "application_name", "options", nullptr};
  const char* values[] = {url.c_str(), "5", "consent-hq", options.c_str(), nullptr};
  pg_conn* conn = PQconnectdbParams(keywords, values, 1);
  if (conn == nullptr) return fail(HqError{HqErrc::StorageUnavailable, "PostgreSQL: out of memory"});
  if (PQstatus(conn) != CONNECTION_OK) {
    // libpq's message names the host and port, never the password.
    HqError error{HqErrc::StorageUnavailable, std::string("PostgreSQL: ") + PQerrorMessage(conn)};
    PQfinish(conn);
    return fail(std::move(error));
  }
  return std::unique_ptr<Connection>(new Connection(conn));
}

Connection::~Connection() {
  PQfinish(conn_);
}

bool Connection::broken() const {
  return unusable_ || PQstatus(conn_) != CONNECTION_OK;
}

HqError Connection::error_of(pg_result* result, std::string_view what) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view code = state ? state : "";
  std::string message = std::string("PostgreSQL ") + std::string(what) + ": ";
  message += result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  if (broken() || unavailable_state(code)) return {HqErrc::StorageUnavailable, message};
  if (busy_state(code)) return {HqErrc::StorageBusy, message};
  return {HqErrc::Storage, message};
}

Expected<Result, HqError> Connection::run(std::string_view sql, std::span<const Param> params) {
  const std::string text(sql);
  const ParamArrays arrays(params);
  Result result(PQexecParams(conn_, text.c_str(), arrays.count(), nullptr, arrays.values.data(),
                             arrays.lengths.data(), arrays.formats.data(), 0));
  pg_result* raw = result.raw();
  const ExecStatusType status = PQresultStatus(raw);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return fail(error_of(raw, "statement"));
  return result;
}

Status<HqError> Connection::run_each(std::span<const std::string> statements) {
  for (const std::string& statement : statements) {
    auto ran = run(statement);
    if (!ran) return fail(ran.error());
  }
  return Ok{};
}

Status<HqError> Connection::prepare_once(std::string_view name, std::string_view sql) {
  if (prepared_.contains(name)) return Ok{};
  const std::string key(name);
  const std::string text(sql);
  Result result(PQprepare(conn_, key.c_str(), text.c_str(), 0, nullptr));
  pg_result* raw = result.raw();
  if (PQresultStatus(raw) != PGRES_COMMAND_OK) return fail(error_of(raw, "prepare"));
  prepared_.insert(key);
  return Ok{};
}

Expected<Result, HqError> Connection::run_prepared(std::string_view name, std::string_view sql,
                                                   std::span<const Param> params) {
  if (auto prepared = prepare_once(name, sql); !prepared) return fail(prepared.error());
  const std::string key(name);
  const ParamArrays arrays(params);
  Result result(PQexecPrepared(conn_, key.c_str(), arrays.count(), arrays.values.data(),
                               arrays.lengths.data(), arrays.formats.data(), 0));
  pg_result* raw = result.raw();
  const ExecStatusType status = PQresultStatus(raw);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return fail(error_of(raw, "statement"));
  return result;
}

Expected<Pipeline, HqError> Pipeline::begin(Connection& connection,
                                            std::span<const NamedStatement> statements) {
  for (const NamedStatement& statement : statements) {
    if (auto prepared = connection.prepare_once(statement.name, statement.sql); !prepared) {
      return fail(prepared.error());
    }
  }
  if (PQenterPipelineMode(connection.conn_) != 1) return fail(connection.error_of(nullptr, "pipeline"));
  return Pipeline(connection);
}

Pipeline::~Pipeline() {
  if (connection_ == nullptr) return;
  // Never synced (an error, or the writer was dropped): answers may be left unread.
  connection_->unusable_ = true;
  PQexitPipelineMode(connection_->conn_);
}

Status<HqError> Pipeline::send(std::string_view name, std::span<const Param> params) {
  const std::string key(name);
  const ParamArrays arrays(params);
  if (PQsendQueryPrepared(connection_->conn_, key.c_str(), arrays.count(), arrays.values.data(),
                          arrays.lengths.data(), arrays.formats.data(), 0) != 1) {
    return fail(connection_->error_of(nullptr, "pipeline send"));
  }
  ++sent_;
  return Ok{};
}

Expected<std::vector<Result>, HqError> Pipeline::sync() {
  pg_conn* conn = connection_->conn_;
  if (PQpipelineSync(conn) != 1) return fail(connection_->error_of(nullptr, "pipeline sync"));
  std::vector<Result> results;
  results.reserve(sent_);
  std::optional<HqError> first_error;
  for (std::size_t i = 0; i < sent_; ++i) {
    Result result(PQgetResult(conn));
    pg_result* raw = result.raw();
    if (raw == nullptr) return fail(connection_->error_of(nullptr, "pipeline result"));
    const ExecStatusType status = PQresultStatus(raw);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && !first_error) {
      first_error =
          connection_->error_of(raw, status == PGRES_PIPELINE_ABORTED ? "pipeline aborted" : "statement");
    }
    // Each statement's results end with a null.
    while (pg_result* extra = PQgetResult(conn)) PQclear(extra);
    results.push_back(std::move(result));
  }
  Result synced(PQgetResult(conn));
  if (synced.raw() == nullptr || PQresultStatus(synced.raw()) != PGRES_PIPELINE_SYNC) {
    return fail(first_error.value_or(connection_->error_of(synced.raw(), "pipeline sync result")));
  }
  // Every answer read: the connection is clean again.
  if (PQexitPipelineMode(conn) == 1) connection_ = nullptr;
  if (first_error) return fail(*first_error);
  return results;
}

Pool::Lease::~Lease() {
  if (connection_) pool_->give_back(std::move(connection_));
}

Expected<Pool::Lease, HqError> Pool::acquire() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
  if (!idle_.empty()) {
    std::unique_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(connection));
  }
  ++open_;
  lock.unlock();
  auto opened = Connection::open(url_, lock_timeout_ms_);
  if (!opened) {
    std::lock_guard relock(mutex_);
    --open_;
    returned_.notify_one();
    return fail(opened.error());
  }
  return Lease(this, std::move(*opened));
}

void Pool::give_back(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  if (connection->broken()) {
    --open_;
    connection.reset();
  } else {
    idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

}  // namespace kiosk::hq::pg
