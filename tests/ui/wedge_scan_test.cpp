// A keyboard-wedge scanner typing into the real kiosk window: SDL key and text events go through
// the platform (as neutral key events), App and the wedge source, and come out as one scan.
#include <SDL.h>

#include <catch2/catch.hpp>

#include <cstring>

#include "kiosk/app/app.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

void push(const SDL_Event& event) { REQUIRE(SDL_PushEvent(const_cast<SDL_Event*>(&event)) == 1); }

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

TEST_CASE("a keyboard-wedge scan typed into the kiosk window arrives as one scan") {
  ManualClock clock{std::chrono::system_clock::time_point{}};
  MemoryLogger logger;
  auto config = parse_kiosk_config(embedded_demo_config(), "embedded");
  REQUIRE(config.has_value());
  REQUIRE(config->scanner_keyboard_wedge);
  AppOptions options;
  options.headless = true;
  options.font_file = KIOSK_DEFAULT_FONT;
  auto created = App::create(*config, options, clock, logger);
  REQUIRE(created.has_value());
  auto app = std::move(created).value();

  const std::string payload =
      "@\n\x1e\rANSI 636012090001DL00310044DLDAQX1234567\nDCSTESTER\nDACALEX\nDBB19900101\r";
  type_like_a_wedge(payload);
  REQUIRE(app->step(0ms));  // the platform reads every queued event and hands the keys over

  auto scan = app->scan_sources().queue().pop(10s);
  REQUIRE(scan.has_value());
  CHECK(scan->text() == payload);
  CHECK(scan->source == drivers::ScanSourceKind::KeyboardWedge);
  CHECK_FALSE(app->scan_sources().queue().try_pop().has_value());

  bool usb_reported = false;
  for (const auto& [kind, status] : app->scan_sources().statuses()) {
    if (kind == drivers::ScanSourceKind::UsbHidPos) {
      usb_reported = true;
      CHECK(status.state != drivers::SourceState::Stopped);  // running, waiting for a scanner
    }
  }
  CHECK(usb_reported);
}
