#pragma once
// What both head-office benchmarks need: a PostgreSQL server (the test fixture's script, started
// here unless KIOSK_TEST_POSTGRES_URL_FILE already names one), and kiosks enrolled with a head
// office whose records are sealed before any timing starts.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "sealing_kiosk.hpp"
#include "test_head_office.hpp"

namespace kiosk::testing {

class BenchPostgres {
 public:
  BenchPostgres() {
    if (std::getenv("KIOSK_TEST_POSTGRES_URL_FILE") != nullptr) return;
    state_ = std::filesystem::temp_directory_path() / ("bench-pg-" + std::to_string(::getpid()));
    if (std::system((script() + " start " + state_.string() + " >/dev/null").c_str()) != 0) {
      throw std::runtime_error("could not start PostgreSQL with " + script());
    }
    ::setenv("KIOSK_TEST_POSTGRES_URL_FILE", (state_ / "url").c_str(), 1);
  }
  ~BenchPostgres() {
    if (!state_.empty()) std::system((script() + " stop " + state_.string()).c_str());
  }
  BenchPostgres(const BenchPostgres&) = delete;
  BenchPostgres& operator=(const BenchPostgres&) = delete;

 private:
  static std::string script() { return std::string(KIOSK_SOURCE_DIR) + "/tests/support/postgres-fixture.sh"; }
  std::filesystem::path state_;
};

struct SealedKiosk {
  EnrolledKiosk kiosk;
  std::vector<protocol::UploadItem> records;  // in the kiosk's order
};

// `kiosks` kiosks enrolled over HTTPS, `per_kiosk` records each, sealed to the newest key.
inline std::vector<SealedKiosk> sealed_kiosks(TestHeadOffice& hq, int kiosks, int per_kiosk) {
  std::vector<SealedKiosk> out;
  const auto at = std::chrono::system_clock::now();
  for (int k = 0; k < kiosks; ++k) {
    SealedKiosk sealed{hq.enroll("bench-kiosk-" + std::to_string(k)), {}};
    SealingKiosk sealing = sealing_as(sealed.kiosk);
    for (int r = 0; r < per_kiosk; ++r) {
      // Clients come back: a hundred of them across all kiosks.
      const auto client = sample_client("ON", "B" + std::to_string(100000 + (k * per_kiosk + r) % 100));
      sealed.records.push_back(
          sealing.next(choices_record({{"marketing-analysis", consent::Decision::Granted}}, at), client));
    }
    out.push_back(std::move(sealed));
  }
  return out;
}

inline const char* backend_name(HqBackend backend) {
  return backend == HqBackend::Sqlite ? "SQLite" : "PostgreSQL";
}

}  // namespace kiosk::testing
