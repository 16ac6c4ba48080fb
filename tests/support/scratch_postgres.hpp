#pragma once
// The throwaway PostgreSQL server the ctest fixture started (tests/support/postgres-fixture.sh,
// FIXTURES_SETUP postgres in tests/CMakeLists.txt), and a fresh database on it per test. A test
// that needs it FAILS when the server is not there: it never skips.

#include <libpq-fe.h>

#include <fstream>
#include <random>
#include <stdexcept>
#include <string>

namespace kiosk::testing {

// postgresql://USER@127.0.0.1:PORT/postgres, read from the file the fixture wrote.
inline std::string postgres_server_url() {
  const char* file = std::getenv("KIOSK_TEST_POSTGRES_URL_FILE");
  if (file == nullptr) {
    throw std::runtime_error(
        "KIOSK_TEST_POSTGRES_URL_FILE is not set: run this test through ctest, whose fixture starts "
        "PostgreSQL");
  }
  std::ifstream in(file);
  std::string url;
  if (!std::getline(in, url) || url.empty()) {
    throw std::runtime_error(std::string("no PostgreSQL server: the fixture did not write ") + file +
                             " (see postgres-start's output)");
  }
  return url;
}

class ScratchPostgresDatabase {
 public:
  ScratchPostgresDatabase() : server_(postgres_server_url()) {
    std::random_device entropy;
    name_ = "hq_test_" + std::to_string(entropy()) + std::to_string(entropy());
    run("CREATE DATABASE " + name_);
    const auto slash = server_.rfind('/');
    url_ = server_.substr(0, slash + 1) + name_;
  }
  ~ScratchPostgresDatabase() {
    try {
      drop();
    } catch (...) {
      // A database left behind goes with the throwaway server.
    }
  }
  ScratchPostgresDatabase(const ScratchPostgresDatabase&) = delete;
  ScratchPostgresDatabase& operator=(const ScratchPostgresDatabase&) = delete;

  const std::string& url() const { return url_; }
  // Drops it under whoever is connected (their connections are ended): a database gone away.
  void drop() const { run("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"); }

 private:
  void run(const std::string& sql) const {
    PGconn* conn = PQconnectdb(server_.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
      const std::string message = PQerrorMessage(conn);
      PQfinish(conn);
      throw std::runtime_error("PostgreSQL at " + server_ + ": " + message);
    }
    PGresult* result = PQexec(conn, sql.c_str());
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    const std::string message = PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(conn);
    if (!ok) throw std::runtime_error(sql + ": " + message);
  }

  std::string server_;
  std::string name_;
  std::string url_;
};

}  // namespace kiosk::testing
