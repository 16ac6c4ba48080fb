// Staff mode through the real kiosk window, headless: touches on the keypad, the PIN checked by
// the store on its worker, the staff screens, and a tech's return to service.
#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "kiosk/app/app.hpp"
#include "kiosk/app/config_options.hpp"
#include "kiosk/app/demo_identity.hpp"
#include "kiosk/store/audit_log.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/staff_pins.hpp"
#include "kiosk/ui/kiosk_view.hpp"

using namespace kiosk;
using staff::StaffScreen;

namespace {

constexpr const char* kAssociate = "0042";
constexpr const char* kAssociatePin = "482913";
constexpr const char* kTech = "0107";
constexpr const char* kTechPin = "770315";

// One kiosk's folder, kept across restarts of the app inside a test.
struct KioskFolder {
  std::filesystem::path root =
      std::filesystem::temp_directory_path() / ("kiosk-staff-test-" + std::to_string(::getpid()));
  KioskConfig config;

  KioskFolder() {
    std::filesystem::remove_all(root);
    auto parsed = parse_kiosk_config(embedded_demo_config(), "embedded");
    REQUIRE(parsed.has_value());
    config = *parsed;
  }
  ~KioskFolder() { std::filesystem::remove_all(root); }
  // Once the kiosk has made its database and keys, as kioskctl staff add would.
  void enroll_staff() const {
    auto db = store::open_service_database(database());
    REQUIRE(db.has_value());
    SystemClock clock;
    store::StaffPins pins(*db, clock);
    REQUIRE(pins.enroll(kAssociate, staff::StaffRole::Associate, kAssociatePin, "test").has_value());
    REQUIRE(pins.enroll(kTech, staff::StaffRole::Tech, kTechPin, "test").has_value());
  }
  std::filesystem::path data() const { return root / "data"; }
  std::filesystem::path database() const { return store_options_for(config, data()).database; }

  std::vector<std::string> audit() const {
    auto db = store::open_service_database(database());
    REQUIRE(db.has_value());
    auto rows = store::AuditLog(*db).rows();
    REQUIRE(rows.has_value());
    std::vector<std::string> seen;
    for (const auto& row : *rows) seen.push_back(row.actor + " " + row.action);
    return seen;
  }
};

struct RunningKiosk {
  std::unique_ptr<App> app;

  RunningKiosk(const KioskFolder& folder, const Clock& clock, Logger& logger) {
    AppOptions options;
    options.headless = true;
    options.screenshot_dir = folder.root / "shots";
    options.font_file = KIOSK_DEFAULT_FONT;
    options.data_dir = folder.data();
    auto created = App::create(folder.config, options, clock, logger);
    INFO((created ? std::string() : created.error().message()));
    REQUIRE(created.has_value());
    app = std::move(created).value();
    app->frame();
    REQUIRE(app->session().screen() == Screen::Welcome);
    if (!staff_enrolled(folder)) folder.enroll_staff();
  }
  static bool staff_enrolled(const KioskFolder& folder) {
    auto db = store::open_service_database(folder.database());
    REQUIRE(db.has_value());
    SystemClock clock;
    return !store::StaffPins(*db, clock).members()->empty();
  }

  void type(std::string_view digits) {
    for (char digit : digits) REQUIRE(app->tap_target(std::string("staff.key.") + digit));
  }
  // From the keypad's first step: staff number, OK, PIN, OK, and the store's answer.
  void sign_in(std::string_view id, std::string_view pin) {
    type(id);
    REQUIRE(app->tap_target("staff.key.ok"));
    REQUIRE(app->staff().screen() == StaffScreen::Pin);
    type(pin);
    REQUIRE(app->tap_target("staff.key.ok"));
    REQUIRE(app->settle_store());
  }
};

bool contains(const std::vector<std::string>& rows, const std::string& row) {
  return std::find(rows.begin(), rows.end(), row) != rows.end();
}

}  // namespace

TEST_CASE("an associate signs in on the keypad, sees the sync status, and signs out to the welcome screen") {
  KioskFolder folder;
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  MemoryLogger logger;
  {
    RunningKiosk kiosk(folder, clock, logger);
    REQUIRE(kiosk.app->tap_target("staff.open"));
    CHECK(kiosk.app->staff().screen() == StaffScreen::StaffNumber);
    CHECK(kiosk.app->view_model().staff.screen == StaffScreen::StaffNumber);
    kiosk.type("00429");
    REQUIRE(kiosk.app->tap_target("staff.key.erase"));
    CHECK(kiosk.app->staff().staff_id() == kAssociate);
    kiosk.app->tap_target("staff.key.ok");
    kiosk.type("4829");
    CHECK(kiosk.app->view_model().staff.pin_digits == 4);
    kiosk.type("13");
    REQUIRE(kiosk.app->tap_target("staff.key.ok"));
    REQUIRE(kiosk.app->settle_store());
    CHECK(kiosk.app->staff().screen() == StaffScreen::AssociateHome);
    REQUIRE(kiosk.app->settle_store());  // the status it asked for on the way in
    const auto model = kiosk.app->view_model();
    REQUIRE_FALSE(model.staff.status.empty());
    CHECK(model.staff.status[0].second == folder.config.kiosk_id);
    CHECK(model.staff.status[1].second == "0");  // nothing waiting for head office yet
    CHECK_FALSE(kiosk.app->target_rect("staff.return-to-service").has_value());  // a tech's button

    REQUIRE(kiosk.app->tap_target("staff.signout"));
    CHECK_FALSE(kiosk.app->staff().active());
    CHECK(kiosk.app->session().screen() == Screen::Welcome);
    REQUIRE(kiosk.app->settle_store());
  }
  const auto audit = folder.audit();
  CHECK(contains(audit, "0042 staff-login"));
  CHECK(contains(audit, "0042 staff-logout"));
}

TEST_CASE("five wrong PINs lock a staff member out, and a restart of the kiosk does not lift it") {
  KioskFolder folder;
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  MemoryLogger logger;
  {
    RunningKiosk kiosk(folder, clock, logger);
    REQUIRE(kiosk.app->tap_target("staff.open"));
    kiosk.sign_in(kTech, "111111");
    CHECK(kiosk.app->view_model().staff.message == staff::KeypadMessage::Kind::NotRecognised);
    for (int i = 0; i < 4; ++i) {
      kiosk.type("111111");
      REQUIRE(kiosk.app->tap_target("staff.key.ok"));
      REQUIRE(kiosk.app->settle_store());
    }
    CHECK(kiosk.app->view_model().staff.message == staff::KeypadMessage::Kind::LockedOut);
    CHECK(kiosk.app->view_model().staff.locked_minutes == 1);
  }
  clock.advance(std::chrono::seconds{30});
  {
    RunningKiosk restarted(folder, clock, logger);
    REQUIRE(restarted.app->tap_target("staff.open"));
    restarted.sign_in(kTech, kTechPin);  // the right PIN, still refused
    CHECK(restarted.app->staff().screen() == StaffScreen::Pin);
    CHECK_FALSE(restarted.app->staff().role().has_value());
    CHECK(restarted.app->view_model().staff.message == staff::KeypadMessage::Kind::LockedOut);
    REQUIRE(restarted.app->screenshot("pin-locked").has_value());
  }
  const auto audit = folder.audit();
  CHECK(contains(audit, "0107 staff-locked-out"));
  CHECK_FALSE(contains(audit, "0107 staff-login"));
}

TEST_CASE(
    "a tech signs in from the out-of-service screen and returns the kiosk to service once the fault is "
    "gone") {
  KioskFolder folder;
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  MemoryLogger logger;
  {
    RunningKiosk kiosk(folder, clock, logger);
    // The store reported a fault, as a failed commit does.
    kiosk.app->session().go_out_of_service({"Demo fault.", "Panne de démonstration."});
    kiosk.app->frame();
    REQUIRE(kiosk.app->tap_target("staff.open"));
    kiosk.sign_in(kTech, kTechPin);
    REQUIRE(kiosk.app->staff().screen() == StaffScreen::Diagnostics);
    REQUIRE(kiosk.app->settle_store());
    kiosk.app->frame();

    // While a key file is damaged, the kiosk stays out of service and the tech is told.
    const auto key = folder.data() / "kiosk.db.signing.key";
    REQUIRE(std::filesystem::exists(key));
    const auto saved_key = folder.root / "signing.key.saved";
    std::filesystem::copy_file(key, saved_key);
    std::ofstream(key, std::ios::trunc) << "short";
    REQUIRE(kiosk.app->tap_target("staff.return-to-service"));
    CHECK(kiosk.app->session().screen() == Screen::OutOfService);
    CHECK(kiosk.app->staff().screen() == StaffScreen::Diagnostics);
    CHECK(kiosk.app->staff().still_out_of_service());

    // Fixed: the next touch brings the kiosk back, without a restart.
    std::filesystem::copy_file(saved_key, key, std::filesystem::copy_options::overwrite_existing);
    REQUIRE(kiosk.app->tap_target("staff.return-to-service"));
    CHECK(kiosk.app->session().screen() == Screen::Welcome);
    CHECK_FALSE(kiosk.app->staff().active());
    REQUIRE(kiosk.app->tap_target("welcome.start.en"));
    CHECK(kiosk.app->session().screen() == Screen::ScanId);
    REQUIRE(kiosk.app->settle_store());
  }
  const auto audit = folder.audit();
  CHECK(contains(audit, "0107 staff-login"));
  CHECK(contains(audit, "0107 returned-to-service"));
}

TEST_CASE("a signed-in associate who walks away is signed out") {
  KioskFolder folder;
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  MemoryLogger logger;
  RunningKiosk kiosk(folder, clock, logger);
  REQUIRE(kiosk.app->tap_target("staff.open"));
  kiosk.sign_in(kAssociate, kAssociatePin);
  REQUIRE(kiosk.app->staff().screen() == StaffScreen::AssociateHome);
  clock.advance(std::chrono::seconds{121});
  kiosk.app->step(std::chrono::milliseconds{0});
  CHECK_FALSE(kiosk.app->staff().active());
  CHECK(kiosk.app->session().screen() == Screen::Welcome);
}

TEST_CASE("a kiosk that starts out of service on a damaged key still lets a tech sign in and bring it back") {
  KioskFolder folder;
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  MemoryLogger logger;
  { RunningKiosk first_start(folder, clock, logger); }  // database, keys and staff made
  const auto key = folder.data() / "kiosk.db.signing.key";
  const auto saved_key = folder.root / "signing.key.saved";
  std::filesystem::copy_file(key, saved_key);
  std::ofstream(key, std::ios::trunc) << "short";
  {
    AppOptions options;
    options.headless = true;
    options.font_file = KIOSK_DEFAULT_FONT;
    options.data_dir = folder.data();
    auto created = App::create(folder.config, options, clock, logger);
    REQUIRE(created.has_value());
    App& app = **created;
    app.frame();
    REQUIRE(app.session().screen() == Screen::OutOfService);
    REQUIRE(app.tap_target("staff.open"));
    for (char digit : std::string(kTech) + "!" + kTechPin + "!") {
      REQUIRE(app.tap_target(digit == '!' ? std::string("staff.key.ok") : std::string("staff.key.") + digit));
    }
    REQUIRE(app.settle_store());
    REQUIRE(app.staff().screen() == StaffScreen::Diagnostics);
    REQUIRE(app.settle_store());
    const auto model = app.view_model();
    CHECK(model.staff.kiosk_out_of_service);
    REQUIRE(model.staff.status.size() > 5);
    CHECK(model.staff.status[0].second == folder.config.kiosk_id);

    REQUIRE(app.tap_target("staff.return-to-service"));
    CHECK(app.staff().still_out_of_service());
    std::filesystem::copy_file(saved_key, key, std::filesystem::copy_options::overwrite_existing);
    REQUIRE(app.tap_target("staff.return-to-service"));
    CHECK(app.session().screen() == Screen::Welcome);
    CHECK_FALSE(app.staff().active());
    REQUIRE(app.settle_store());
  }
  const auto audit = folder.audit();
  CHECK(contains(audit, "0107 staff-login"));
  CHECK(contains(audit, "0107 returned-to-service"));
}

TEST_CASE("a tech's diagnostics show the scanners, the configuration and a test scan that names nobody") {
  KioskFolder folder;
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  MemoryLogger logger;
  RunningKiosk kiosk(folder, clock, logger);
  REQUIRE(kiosk.app->tap_target("staff.open"));
  kiosk.sign_in(kTech, kTechPin);
  REQUIRE(kiosk.app->staff().screen() == StaffScreen::Diagnostics);
  REQUIRE(kiosk.app->settle_store());

  auto row = [&](const std::string& label) -> std::string {
    for (const auto& [name, value] : kiosk.app->view_model().staff.status) {
      if (name == label) return value;
    }
    return "(absent)";
  };
  CHECK(row("Scanner (usb-hid-pos)") != "(absent)");
  CHECK(row("Time zone") == "America/Toronto");
  CHECK(row("Store") == folder.config.store_name);
  CHECK(row("Receipt printer") == "none");
  CHECK(row("Test scan") == "scan a card to test the whole reading path");

  // The demo licence, scanned behind the tech's screen: read and judged, and no client session.
  const auto payload = demo_licence_payload(clock.today());
  drivers::Scan scan;
  scan.payload = payload;
  REQUIRE(kiosk.app->scan_sources().queue().push(std::move(scan)) == drivers::ScanQueue::Pushed::Queued);
  kiosk.app->step(std::chrono::milliseconds{0});
  const std::string result = row("Test scan");
  CHECK(result.starts_with("Read: DL from QC, AAMVA version"));
  CHECK(result.find("a client could record consents with it") != std::string::npos);
  for (const char* personal : {"TREMBLAY", "LODIE", "1988", "T6521"}) {
    CHECK(result.find(personal) == std::string::npos);
  }
  CHECK(kiosk.app->session().screen() == Screen::Welcome);
  CHECK(kiosk.app->session().identity() == nullptr);

  // Not a licence at all: the tech reads why, by its stable code.
  const std::string url = "https://example.com/promo";
  drivers::Scan other;
  other.payload.assign(url.begin(), url.end());
  REQUIRE(kiosk.app->scan_sources().queue().push(std::move(other)) == drivers::ScanQueue::Pushed::Queued);
  kiosk.app->step(std::chrono::milliseconds{0});
  CHECK(row("Test scan").starts_with("Not read (not-aamva, 25 bytes)"));

  // Signing out forgets it.
  REQUIRE(kiosk.app->tap_target("staff.signout"));
  REQUIRE(kiosk.app->tap_target("staff.open"));
  kiosk.sign_in(kTech, kTechPin);
  CHECK(row("Test scan") == "scan a card to test the whole reading path");
}
