#pragma once
// The real kiosk window (SDL2 + Dear ImGui) with no display, on the embedded demo config, its
// database and screenshots in a folder of its own.

#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <string>

#include "kiosk/app/app.hpp"

struct HeadlessKiosk {
  // A fixed, realistic date: card validity and age are judged against it.
  kiosk::ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  kiosk::MemoryLogger logger;
  // ctest runs test cases in parallel processes: each gets its own folder.
  std::filesystem::path shots =
      std::filesystem::temp_directory_path() / ("kiosk-ui-test-" + std::to_string(::getpid()));
  std::unique_ptr<kiosk::App> app;

  // `adjust` may change the options (a fake printer, say) and `adjust_config` the config (the
  // window's size) before the app starts.
  explicit HeadlessKiosk(const std::function<void(kiosk::AppOptions&)>& adjust = {},
                         const std::function<void(kiosk::KioskConfig&)>& adjust_config = {}) {
    std::filesystem::remove_all(shots);
    auto config = kiosk::parse_kiosk_config(kiosk::embedded_demo_config(), "embedded");
    REQUIRE(config.has_value());
    if (adjust_config) adjust_config(*config);
    kiosk::AppOptions options;
    options.headless = true;
    options.screenshot_dir = shots;
    options.font_file = KIOSK_DEFAULT_FONT;
    options.data_dir = shots / "data";
    if (adjust) adjust(options);
    auto created = kiosk::App::create(*config, options, clock, logger);
    INFO((created ? std::string() : created.error().message()));
    REQUIRE(created.has_value());
    app = std::move(created).value();
    app->frame();
  }
  ~HeadlessKiosk() { std::filesystem::remove_all(shots); }
  HeadlessKiosk(const HeadlessKiosk&) = delete;
  HeadlessKiosk& operator=(const HeadlessKiosk&) = delete;
};
