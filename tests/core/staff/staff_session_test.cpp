#include <catch2/catch.hpp>

#include "kiosk/core/staff/staff_session.hpp"

using namespace kiosk;
using namespace kiosk::staff;
using namespace std::chrono_literals;

namespace {

ManualClock make_clock() {
  return ManualClock(std::chrono::system_clock::time_point{std::chrono::hours{500000}});
}

void type(StaffSession& session, std::string_view digits) {
  for (char c : digits) session.apply(staff_action::Digit{c});
}

// Staff number and PIN typed and confirmed; returns the check the app would send.
PinCheckRequest sign_in(StaffSession& session, std::string_view id, std::string_view pin) {
  session.apply(staff_action::Open{});
  type(session, id);
  session.apply(staff_action::Confirm{});
  type(session, pin);
  session.apply(staff_action::Confirm{});
  auto check = session.take_pin_check();
  REQUIRE(check.has_value());
  return std::move(*check);
}

PinVerdict accepted(StaffRole role) {
  return {PinVerdictCode::Accepted, role, std::nullopt, 0};
}

}  // namespace

TEST_CASE("staff number, then PIN, then the store's verdict opens the screen for the role") {
  auto clock = make_clock();
  StaffSession session(clock, {});
  CHECK(session.screen() == StaffScreen::Closed);
  session.apply(staff_action::Open{});
  CHECK(session.screen() == StaffScreen::StaffNumber);
  type(session, "0042");
  CHECK(session.digits_entered() == 4);
  session.apply(staff_action::Confirm{});
  CHECK(session.screen() == StaffScreen::Pin);
  type(session, "4829134");
  session.apply(staff_action::Erase{});
  CHECK(session.digits_entered() == 6);
  session.apply(staff_action::Confirm{});
  CHECK(session.checking());
  auto check = session.take_pin_check();
  REQUIRE(check.has_value());
  CHECK(check->staff_id == "0042");
  CHECK(check->pin == "482913");
  CHECK(session.digits_entered() == 0);  // the session keeps no copy
  CHECK_FALSE(session.take_pin_check().has_value());
  session.on_pin_checked(check->serial, accepted(StaffRole::Associate));
  CHECK(session.screen() == StaffScreen::AssociateHome);
  CHECK(session.role() == StaffRole::Associate);

  session.apply(staff_action::SignOut{});
  CHECK(session.screen() == StaffScreen::Closed);
  auto events = session.take_events();
  REQUIRE(events.size() == 1);
  CHECK(events[0].staff_id == "0042");
  CHECK(events[0].kind == StaffEvent::Kind::SignedOut);

  auto tech = sign_in(session, "0107", "770315");
  session.on_pin_checked(tech.serial, accepted(StaffRole::Tech));
  CHECK(session.screen() == StaffScreen::Diagnostics);
}

TEST_CASE("a wrong PIN or a lockout stays on the keypad with the reason, PIN cleared") {
  auto clock = make_clock();
  StaffSession session(clock, {});
  auto check = sign_in(session, "0042", "111111");
  session.on_pin_checked(check.serial, PinVerdict{PinVerdictCode::WrongPin, std::nullopt, std::nullopt, 4});
  CHECK(session.screen() == StaffScreen::Pin);
  CHECK(session.message().kind == KeypadMessage::Kind::NotRecognised);
  CHECK(session.digits_entered() == 0);

  type(session, "222222");
  session.apply(staff_action::Confirm{});
  auto again = session.take_pin_check();
  REQUIRE(again.has_value());
  const auto until = clock.now() + 60s;
  session.on_pin_checked(again->serial, PinVerdict{PinVerdictCode::LockedOut, std::nullopt, until, 0});
  CHECK(session.message().kind == KeypadMessage::Kind::LockedOut);
  CHECK(session.message().locked_until == until);
  CHECK_FALSE(session.role().has_value());

  // A PIN too short to be anyone's is refused without asking the store.
  type(session, "123");
  session.apply(staff_action::Confirm{});
  CHECK_FALSE(session.take_pin_check().has_value());
  CHECK(session.message().kind == KeypadMessage::Kind::NotRecognised);

  session.on_pin_checked(again->serial, std::nullopt);  // an old answer changes nothing
  CHECK(session.message().kind == KeypadMessage::Kind::NotRecognised);
}

TEST_CASE("cancel goes back a step, and an answer for a cancelled PIN is ignored") {
  auto clock = make_clock();
  StaffSession session(clock, {});
  auto check = sign_in(session, "0042", "482913");
  session.apply(staff_action::Cancel{});
  CHECK(session.screen() == StaffScreen::StaffNumber);
  session.on_pin_checked(check.serial, accepted(StaffRole::Tech));
  CHECK(session.screen() == StaffScreen::StaffNumber);
  session.apply(staff_action::Cancel{});
  CHECK(session.screen() == StaffScreen::Closed);
  CHECK(session.take_events().empty());  // nobody had signed in
}

TEST_CASE("a signed-in staff member who walks away is signed out, and it is recorded") {
  auto clock = make_clock();
  StaffSession session(clock, StaffSessionSettings{Language::French, 120s});
  auto check = sign_in(session, "0042", "482913");
  session.on_pin_checked(check.serial, accepted(StaffRole::Associate));
  CHECK(session.language() == Language::French);
  clock.advance(119s);
  CHECK_FALSE(session.tick());
  session.apply(staff_action::Touch{});
  clock.advance(119s);
  CHECK_FALSE(session.tick());
  clock.advance(1s);
  CHECK(session.tick());
  CHECK(session.screen() == StaffScreen::Closed);
  auto events = session.take_events();
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == StaffEvent::Kind::TimedOut);
}

TEST_CASE("only a tech on the diagnostics screen can ask to return to service") {
  auto clock = make_clock();
  StaffSession session(clock, {});
  auto associate = sign_in(session, "0042", "482913");
  session.on_pin_checked(associate.serial, accepted(StaffRole::Associate));
  session.apply(staff_action::ReturnToService{});
  CHECK_FALSE(session.take_return_to_service());
  session.apply(staff_action::SignOut{});

  auto tech = sign_in(session, "0107", "770315");
  session.on_pin_checked(tech.serial, accepted(StaffRole::Tech));
  session.apply(staff_action::ReturnToService{});
  CHECK(session.take_return_to_service());
  CHECK_FALSE(session.take_return_to_service());
  session.on_return_to_service(false);
  CHECK(session.still_out_of_service());
  CHECK(session.screen() == StaffScreen::Diagnostics);
  session.apply(staff_action::ReturnToService{});
  REQUIRE(session.take_return_to_service());
  session.on_return_to_service(true);
  CHECK(session.screen() == StaffScreen::Closed);
  auto events = session.take_events();
  REQUIRE(events.size() == 2);
  CHECK(events[1].kind == StaffEvent::Kind::ReturnedToService);
  CHECK(events[1].staff_id == "0107");
}

TEST_CASE("an associate starts an assisted session: staff mode closes and says who started it, once") {
  auto clock = make_clock();
  StaffSession session(clock, {});
  auto tech = sign_in(session, "0107", "770315");
  session.on_pin_checked(tech.serial, accepted(StaffRole::Tech));
  session.apply(staff_action::StartAssisted{});  // a tech's screen has no assisted session
  CHECK(session.screen() == StaffScreen::Diagnostics);
  CHECK_FALSE(session.take_assisted_start().has_value());
  session.apply(staff_action::SignOut{});
  session.take_events();

  auto associate = sign_in(session, "0042", "482913");
  session.on_pin_checked(associate.serial, accepted(StaffRole::Associate));
  session.apply(staff_action::StartAssisted{});
  CHECK(session.screen() == StaffScreen::Closed);
  CHECK(session.take_assisted_start() == "0042");
  CHECK_FALSE(session.take_assisted_start().has_value());
  auto events = session.take_events();
  REQUIRE(events.size() == 1);
  CHECK(events[0].staff_id == "0042");
  CHECK(events[0].kind == StaffEvent::Kind::StartedAssisted);
}
