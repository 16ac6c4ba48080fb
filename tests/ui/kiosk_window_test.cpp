// Runs the real kiosk window (SDL2 + Dear ImGui) with no display, drives it with touches and
// checks both what the session did and what was drawn.
#include <SDL.h>

#include <unistd.h>
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "headless_kiosk.hpp"
#include "kiosk/app/app.hpp"
#include "kiosk/app/demo_identity.hpp"
#include "kiosk/app/image.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

void push_finger(Uint32 type, float x, float y) {
  SDL_Event event{};
  event.type = type;
  event.tfinger.x = x;
  event.tfinger.y = y;
  event.tfinger.fingerId = 1;
  REQUIRE(SDL_PushEvent(&event) == 1);
}

}  // namespace

TEST_CASE("touching Français on the welcome screen starts a French session") {
  HeadlessKiosk kiosk;
  REQUIRE(kiosk.app->session().screen() == Screen::Welcome);
  REQUIRE(kiosk.app->tap_target("welcome.start.fr"));
  CHECK(kiosk.app->session().screen() == Screen::ScanId);
  CHECK(kiosk.app->session().language() == Language::French);
}

TEST_CASE("a tap outside every button changes nothing") {
  HeadlessKiosk kiosk;
  kiosk.app->tap(5, 5);
  CHECK(kiosk.app->session().screen() == Screen::Welcome);
}

TEST_CASE("the headless screenshot holds the real UI, not a blank frame") {
  HeadlessKiosk kiosk;
  REQUIRE(kiosk.app->screenshot("welcome").has_value());
  auto image = read_png(kiosk.shots / "welcome.png");
  REQUIRE(image.has_value());
  CHECK(image->width == 1280);
  CHECK(image->height == 800);
  // Anti-aliased text and two blue buttons give hundreds of colours; an empty frame gives one.
  CHECK(image->distinct_colours() > 100);

  // Tapping to the scan screen draws a different picture.
  REQUIRE(kiosk.app->tap_target("welcome.start.en"));
  REQUIRE(kiosk.app->screenshot("scan").has_value());
  auto scan = read_png(kiosk.shots / "scan.png");
  REQUIRE(scan.has_value());
  CHECK(scan->pixels != image->pixels);
}

TEST_CASE("finger events from a touchscreen press buttons") {
  HeadlessKiosk kiosk;
  auto target = kiosk.app->target_rect("welcome.start.fr");
  REQUIRE(target.has_value());
  // Touchscreens report positions normalised to the window, as SDL finger events do.
  const float x = target->center_x() / 1280.0f;
  const float y = target->center_y() / 800.0f;
  push_finger(SDL_FINGERDOWN, x, y);
  kiosk.app->step(0ms);
  kiosk.app->step(0ms);
  push_finger(SDL_FINGERUP, x, y);
  for (int i = 0; i < 3; ++i) kiosk.app->step(0ms);
  CHECK(kiosk.app->session().screen() == Screen::ScanId);
  CHECK(kiosk.app->session().language() == Language::French);
}

TEST_CASE("an untouched session clears itself back to the welcome screen") {
  HeadlessKiosk kiosk;
  REQUIRE(kiosk.app->tap_target("welcome.start.fr"));
  REQUIRE(kiosk.app->session().screen() == Screen::ScanId);
  kiosk.clock.advance(59s);
  kiosk.app->step(0ms);
  CHECK(kiosk.app->session().screen() == Screen::ScanId);
  kiosk.clock.advance(2s);
  kiosk.app->step(0ms);
  CHECK(kiosk.app->session().screen() == Screen::Welcome);
  CHECK(kiosk.app->session().language() == Language::English);
}

TEST_CASE("a scanned licence asks the client to confirm, and 'not me' forgets it") {
  HeadlessKiosk kiosk;
  REQUIRE(kiosk.app->tap_target("welcome.start.fr"));
  kiosk.app->deliver_scan(demo_licence_payload(kiosk.clock.today()));
  kiosk.app->frame();
  REQUIRE(kiosk.app->session().screen() == Screen::ConfirmIdentity);
  REQUIRE(kiosk.app->session().identity() != nullptr);
  REQUIRE(kiosk.app->tap_target("confirm.no"));
  CHECK(kiosk.app->session().screen() == Screen::ScanId);
  CHECK(kiosk.app->session().identity() == nullptr);
}

TEST_CASE("a barcode that is not an ID card is refused on screen with a reason") {
  HeadlessKiosk kiosk;
  REQUIRE(kiosk.app->tap_target("welcome.start.en"));
  REQUIRE(kiosk.app->screenshot("before").has_value());
  const std::string url = "https://example.com";
  kiosk.app->deliver_scan(std::span(reinterpret_cast<const std::uint8_t*>(url.data()), url.size()));
  REQUIRE(kiosk.app->session().scan_refusal().has_value());
  CHECK(kiosk.app->session().scan_refusal()->code() == "not-aamva");
  CHECK(kiosk.app->session().screen() == Screen::ScanId);
  REQUIRE(kiosk.app->screenshot("after").has_value());
  auto before = read_png(kiosk.shots / "before.png");
  auto after = read_png(kiosk.shots / "after.png");
  REQUIRE(before.has_value());
  REQUIRE(after.has_value());
  // The refusal is drawn in the alert red, which appears nowhere on the normal scan screen.
  auto count_red = [](const RgbaImage& image) {
    std::size_t red = 0;
    for (std::size_t i = 0; i + 3 < image.pixels.size(); i += 4) {
      if (image.pixels[i] > 150 && image.pixels[i + 1] < 60 && image.pixels[i + 2] < 60) ++red;
    }
    return red;
  };
  CHECK(count_red(*before) == 0);
  CHECK(count_red(*after) > 100);
}

namespace {

long long count_rows(const std::filesystem::path& db, const char* table) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  const std::string sql = std::string("SELECT count(*) FROM ") + table;
  REQUIRE(sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  const long long rows = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return rows;
}

}  // namespace

TEST_CASE("a client's choices go from touches to a committed ledger and outbox row") {
  HeadlessKiosk kiosk;
  REQUIRE(kiosk.app->tap_target("welcome.start.en"));
  kiosk.app->deliver_scan(demo_licence_payload(kiosk.clock.today()));
  kiosk.app->frame();
  REQUIRE(kiosk.app->tap_target("confirm.yes"));
  REQUIRE(kiosk.app->settle_store());
  REQUIRE(kiosk.app->session().screen() == Screen::Policy);
  REQUIRE(kiosk.app->tap_target("policy.continue"));
  REQUIRE(kiosk.app->session().screen() == Screen::Choices);
  REQUIRE(kiosk.app->tap_target("choice.marketing-analysis.no"));
  REQUIRE(kiosk.app->tap_target("choices.save"));
  REQUIRE(kiosk.app->settle_store());
  REQUIRE(kiosk.app->session().screen() == Screen::Saved);
  const auto& saved = kiosk.app->session().saved_record();
  REQUIRE(saved.has_value());
  CHECK_FALSE(saved->id.empty());
  const auto db = kiosk.shots / "data" / "kiosk.db";
  CHECK(count_rows(db, "ledger") == 1);
  CHECK(count_rows(db, "outbox") == 1);

  // The same client comes back: their refusal is shown, and they skip straight to their choices.
  REQUIRE(kiosk.app->tap_target("saved.done"));
  REQUIRE(kiosk.app->session().screen() == Screen::Welcome);
  REQUIRE(kiosk.app->tap_target("welcome.start.fr"));
  kiosk.app->deliver_scan(demo_licence_payload(kiosk.clock.today()));
  kiosk.app->frame();
  REQUIRE(kiosk.app->tap_target("confirm.yes"));
  REQUIRE(kiosk.app->settle_store());
  CHECK(kiosk.app->session().screen() == Screen::Choices);
  bool marketing_refused = false;
  for (const auto& d : kiosk.app->session().draft()) {
    if (d.item_id == "marketing-analysis") marketing_refused = d.decision == consent::Decision::Refused;
  }
  CHECK(marketing_refused);
}

TEST_CASE("a kiosk whose database cannot be opened starts out of service and says so") {
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  MemoryLogger logger;
  auto config = parse_kiosk_config(embedded_demo_config(), "embedded");
  REQUIRE(config.has_value());
  AppOptions options;
  options.headless = true;
  options.font_file = KIOSK_DEFAULT_FONT;
  // A regular file where the data folder should be: nothing can be created inside it.
  const auto blocker =
      std::filesystem::temp_directory_path() / ("kiosk-blocker-" + std::to_string(::getpid()));
  { std::ofstream(blocker) << "not a folder"; }
  options.data_dir = blocker / "data";
  auto app = App::create(*config, options, clock, logger);
  REQUIRE(app.has_value());
  CHECK((*app)->session().screen() == Screen::OutOfService);
  CHECK_FALSE((*app)->session().out_of_service_reason().fr.empty());
  (*app)->tap(640, 400);
  CHECK((*app)->session().screen() == Screen::OutOfService);
  std::filesystem::remove(blocker);
}
