// A keyboard-wedge scanner typing into the real kiosk window: SDL key and text events go through
// the platform (as neutral key events), App and the wedge source, and the licence they spell
// reaches the session as one scan.
#include <SDL.h>

#include <catch2/catch.hpp>

#include <cstring>

#include "kiosk/app/app.hpp"
#include "kiosk/app/demo_identity.hpp"
#include "scratch_dir.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

void push(const SDL_Event& event) {
  REQUIRE(SDL_PushEvent(const_cast<SDL_Event*>(&event)) == 1);
}

void push_text(char c) {
  SDL_Event event{};
  event.type = SDL_TEXTINPUT;
  event.text.text[0] = c;
  push(event);
}

void push_key(SDL_Keycode key, Uint16 mod) {
  SDL_Event event{};
  event.type = SDL_KEYDOWN;
  event.key.state = SDL_PRESSED;
  event.key.keysym.sym = key;
  event.key.keysym.mod = mod;
  push(event);
}

// Types `payload` the way a wedge set to send control characters as Ctrl combinations does,
// with Enter as its suffix.
void type_like_a_wedge(std::string_view payload) {
  for (char c : payload) {
    switch (c) {
      case '\n': push_key('j', KMOD_LCTRL); break;
      case '\r': push_key('m', KMOD_LCTRL); break;
      case '\x1e': push_key('6', KMOD_LCTRL | KMOD_LSHIFT); break;
      default:
        push_key(static_cast<SDL_Keycode>(c), KMOD_NONE);  // the key press that precedes the text
        push_text(c);
    }
  }
  push_key(SDLK_RETURN, KMOD_NONE);
}

}  // namespace

TEST_CASE("a licence typed into the kiosk window by a keyboard-wedge scanner reaches the session") {
  ScratchDir dir("kiosk-wedge-ui");
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  MemoryLogger logger;
  auto config = parse_kiosk_config(embedded_demo_config(), "embedded");
  REQUIRE(config.has_value());
  REQUIRE(config->scanner_keyboard_wedge);
  AppOptions options;
  options.headless = true;
  options.font_file = KIOSK_DEFAULT_FONT;
  options.data_dir = dir / "data";
  auto created = App::create(*config, options, clock, logger);
  INFO((created ? std::string() : created.error().message()));
  REQUIRE(created.has_value());
  auto app = std::move(created).value();
  app->frame();
  REQUIRE(app->tap_target("welcome.start.en"));
  REQUIRE(app->session().screen() == Screen::ScanId);

  const auto payload = demo_licence_payload(clock.today());
  type_like_a_wedge(std::string_view(reinterpret_cast<const char*>(payload.data()), payload.size()));
  // The first step hands the keys to the wedge source; the scan is complete once the keys have
  // stopped for a moment, and the source then wakes the loop, whose next step delivers it.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (app->session().screen() == Screen::ScanId && std::chrono::steady_clock::now() < deadline) {
    REQUIRE(app->step(1000ms));
  }
  CHECK(app->session().screen() == Screen::ConfirmIdentity);
  CHECK(app->session().identity() != nullptr);
  CHECK_FALSE(app->session().scan_refusal().has_value());

  bool usb_reported = false;
  for (const auto& [kind, status] : app->scan_sources().statuses()) {
    if (kind == drivers::ScanSourceKind::UsbHidPos) {
      usb_reported = true;
      CHECK(status.state != drivers::SourceState::Stopped);  // running, waiting for a scanner
    }
  }
  CHECK(usb_reported);
}
