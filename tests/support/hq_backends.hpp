#pragma once
// The head-office and sync suites run each backend-neutral test on both storage backends:
//   TEMPLATE_TEST_CASE("...", "[hq]", OnSqlite, OnPostgres)
// Catch names them "... - OnSqlite" and "... - OnPostgres"; tests/CMakeLists.txt gives every test
// whose name ends in OnPostgres the ctest fixture that starts a throwaway PostgreSQL server.

#include "test_head_office.hpp"

struct OnSqlite {
  static constexpr kiosk::testing::HqBackend backend = kiosk::testing::HqBackend::Sqlite;
};
struct OnPostgres {
  static constexpr kiosk::testing::HqBackend backend = kiosk::testing::HqBackend::Postgres;
};
