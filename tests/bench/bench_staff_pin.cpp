// What a staff PIN costs: one Argon2id verify at libsodium's interactive limits, bare, beside
// StaffPins::verify (the same hash plus the lockout row and the audit row, one fsync'd
// transaction); and the kiosk's frame time while a PIN check is in flight on the store's worker
// beside its frame time at rest. Prints figures; asserts nothing.
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "kiosk/app/app.hpp"
#include "kiosk/app/config_options.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/staff_pins.hpp"

using namespace kiosk;
using Millis = std::chrono::duration<double, std::milli>;

namespace {

constexpr int kRounds = 10;
constexpr const char* kId = "0042";
constexpr const char* kPin = "482913";

std::filesystem::path fresh_dir() {
  auto dir =
      std::filesystem::temp_directory_path() / ("bench-staff-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  return dir;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

template <class Work>
double median_ms(int rounds, Work work) {
  std::vector<double> times;
  for (int i = 0; i < rounds; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(Millis(std::chrono::steady_clock::now() - start).count());
  }
  return median(times);
}

void type(App& app, std::string_view digits) {
  for (char digit : digits) app.tap_target(std::string("staff.key.") + digit);
}

}  // namespace

int main() {
  if (sodium_init() < 0) return 1;
  const auto dir = fresh_dir();

  char hashed[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hashed, kPin, 6, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return 1;
  int accepted = 0;
  const double bare = median_ms(kRounds, [&] { accepted += crypto_pwhash_str_verify(hashed, kPin, 6) == 0; });
  if (accepted != kRounds) return 1;

  SystemClock clock;
  MemoryLogger logger;
  auto config = parse_kiosk_config(embedded_demo_config(), "embedded");
  if (!config) return 1;
  AppOptions options;
  options.headless = true;
  options.font_file = KIOSK_DEFAULT_FONT;
  options.data_dir = dir / "data";
  auto app = App::create(*config, options, clock, logger);
  if (!app) return 1;
  const auto database = store_options_for(*config, options.data_dir).database;
  double stored = 0;
  {
    auto db = store::open_service_database(database);
    if (!db) return 1;
    store::StaffPins pins(*db, clock);
    if (!pins.enroll(kId, staff::StaffRole::Associate, kPin, "bench")) return 1;
    stored = median_ms(kRounds, [&] { (void)pins.verify(kId, kPin); });
  }

  App& kiosk = **app;
  std::vector<double> at_rest;
  for (int i = 0; i < 60; ++i) {
    const auto start = std::chrono::steady_clock::now();
    kiosk.frame();
    at_rest.push_back(Millis(std::chrono::steady_clock::now() - start).count());
  }
  std::vector<double> in_flight;
  for (int round = 0; round < kRounds; ++round) {
    kiosk.tap_target("staff.open");
    type(kiosk, kId);
    kiosk.tap_target("staff.key.ok");
    type(kiosk, kPin);
    kiosk.tap_target("staff.key.ok");  // the check leaves for the worker in this tap's frames
    while (kiosk.staff().checking()) {
      const auto start = std::chrono::steady_clock::now();
      kiosk.frame();
      in_flight.push_back(Millis(std::chrono::steady_clock::now() - start).count());
    }
    kiosk.settle_store();
    kiosk.tap_target("staff.signout");
  }
  std::printf("argon2id verify, bare (interactive limits): %.1f ms median of %d\n", bare, kRounds);
  std::printf("StaffPins::verify (hash + lockout row + audit row, one transaction): %.1f ms median of %d\n",
              stored, kRounds);
  std::printf("frame at rest: %.2f ms median, %.2f ms max (%zu frames)\n", median(at_rest),
              *std::max_element(at_rest.begin(), at_rest.end()), at_rest.size());
  if (!in_flight.empty()) {
    std::printf("frame with a PIN check in flight: %.2f ms median, %.2f ms max (%zu frames)\n",
                median(in_flight), *std::max_element(in_flight.begin(), in_flight.end()), in_flight.size());
  }
  app->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
