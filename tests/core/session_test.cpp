#include <catch2/catch.hpp>

#include "kiosk/core/session.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
ManualClock make_clock() {
  return ManualClock(std::chrono::system_clock::time_point{});
}
SessionSettings settings(Language language) {
  SessionSettings settings;
  settings.default_language = language;
  settings.inactivity_timeout = 60s;
  return settings;
}
}  // namespace

TEST_CASE("a new session waits on the welcome screen in the default language") {
  auto clock = make_clock();
  KioskSession session(clock, settings(Language::French));
  CHECK(session.screen() == Screen::Welcome);
  CHECK(session.language() == Language::French);
  CHECK_FALSE(session.time_until_reset().has_value());
}

TEST_CASE("starting in a language moves to the scan screen in that language") {
  auto clock = make_clock();
  KioskSession session(clock, settings(Language::English));
  session.apply(action::Begin{Language::French});
  CHECK(session.screen() == Screen::ScanId);
  CHECK(session.language() == Language::French);
}

TEST_CASE("an abandoned session clears itself after the inactivity timeout") {
  auto clock = make_clock();
  KioskSession session(clock, settings(Language::English));
  session.apply(action::Begin{Language::French});
  clock.advance(59s);
  CHECK_FALSE(session.tick());
  CHECK(session.time_until_reset() == std::chrono::milliseconds(1000));
  clock.advance(1s);
  CHECK(session.tick());
  CHECK(session.screen() == Screen::Welcome);
  CHECK(session.language() == Language::English);
}

TEST_CASE("a touch anywhere keeps the session alive") {
  auto clock = make_clock();
  KioskSession session(clock, settings(Language::English));
  session.apply(action::Begin{});
  clock.advance(50s);
  session.apply(action::Touch{});
  clock.advance(50s);
  CHECK_FALSE(session.tick());
  CHECK(session.screen() == Screen::ScanId);
}

TEST_CASE("cancel returns to the welcome screen at once") {
  auto clock = make_clock();
  KioskSession session(clock, settings(Language::English));
  session.apply(action::Begin{Language::French});
  session.apply(action::Cancel{});
  CHECK(session.screen() == Screen::Welcome);
  CHECK(session.language() == Language::English);
}

TEST_CASE("an out-of-service kiosk ignores client actions and never times out") {
  auto clock = make_clock();
  KioskSession session(clock, settings(Language::English));
  session.go_out_of_service();
  session.apply(action::Begin{Language::French});
  clock.advance(3600s);
  CHECK_FALSE(session.tick());
  CHECK(session.screen() == Screen::OutOfService);
}

TEST_CASE("changing language on the scan screen keeps the client where they are") {
  auto clock = make_clock();
  KioskSession session(clock, settings(Language::English));
  session.apply(action::Begin{});
  session.apply(action::ChooseLanguage{Language::French});
  CHECK(session.screen() == Screen::ScanId);
  CHECK(session.language() == Language::French);
}

TEST_CASE("returning to service clears the reason and shows the welcome screen, only when out of service") {
  auto clock = make_clock();
  KioskSession session(clock, settings(Language::English));
  session.apply(action::Begin{Language::French});
  session.return_to_service();
  CHECK(session.screen() == Screen::ScanId);  // nothing to return from
  const auto before = session.serial();
  session.go_out_of_service({"disk full", "disque plein"});
  session.return_to_service();
  CHECK(session.screen() == Screen::Welcome);
  CHECK(session.out_of_service_reason().en.empty());
  CHECK(session.serial() > before);
}
