// kiosk: the touchscreen application. Everything is in App; this file reads the command line.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>

#include "kiosk/app/app.hpp"
#include "kiosk/app/command_line.hpp"
#include "kiosk/app/exit_code.hpp"
#include "kiosk/app/process_hardening.hpp"
#include "kiosk/app/service_notifier.hpp"
#include "kiosk/app/tour_clock.hpp"
#include "kiosk/app/window_size.hpp"

namespace {

constexpr const char* kUsage =
    "usage: kiosk [--config FILE] [--headless] [--tour] [--screenshot-dir DIR] [--font TTF] [--size WxH]\n"
    "       kiosk --version\n"
    "  --config FILE       kiosk.toml to use (default: the embedded demo config)\n"
    "  --headless          run with no display (SDL's dummy video driver, software renderer)\n"
    "  --screenshot-dir D  write PNG screenshots into D (headless: the first screen, then exit)\n"
    "  --tour              walk every screen in English and French, one PNG each, then exit\n"
    "  --font TTF          UI font (default: DejaVu Sans from fonts-dejavu-core)\n"
    "  --size WxH          window size in pixels, e.g. 1080x1920 (default: the config's display size;\n"
    "                      a fullscreen window on a display takes the display's size)\n"
    "  --data-dir DIR      where the consent database and keys live (default: $KIOSK_DATA_DIR,\n"
    "                      else $XDG_STATE_HOME/consent-kiosk, else ~/.local/state/consent-kiosk)\n";

std::filesystem::path default_data_dir() {
  if (const char* dir = std::getenv("KIOSK_DATA_DIR"); dir != nullptr && *dir != 0) return dir;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && *state != 0) {
    return std::filesystem::path(state) / "consent-kiosk";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : ".") / ".local/state/consent-kiosk";
}

int run(const std::vector<std::string>& args) {
  using namespace kiosk;
  // Before any card is read: no core file, no ptrace, no file others can read.
  if (auto hardened = harden_process(); !hardened) {
    std::cerr << "kiosk: " << hardened.error().detail << "\n";
    return to_int(ExitCode::InternalError);
  }
  auto line = CommandLine::parse(args, {"--config", "--screenshot-dir", "--font", "--data-dir", "--size"},
                                 {"--headless", "--tour", "--help", "--version"});
  if (!line) {
    std::cerr << "kiosk: " << line.error().message << "\n" << kUsage;
    return to_int(ExitCode::BadInput);
  }
  if (line->flag("--help")) {
    std::cout << kUsage;
    return to_int(ExitCode::Ok);
  }
  if (line->flag("--version")) {
    std::cout << "kiosk " << KIOSK_VERSION << "\n";
    return to_int(ExitCode::Ok);
  }
  auto config = line->option("--config") ? load_kiosk_config(*line->option("--config"))
                                         : parse_kiosk_config(embedded_demo_config(), "embedded demo config");
  if (!config) {
    std::cerr << "kiosk: " << config.error().message() << "\n";
    return to_int(ExitCode::BadInput);
  }
  if (auto size = line->option("--size")) {
    auto parsed = parse_window_size(*size);
    if (!parsed) {
      std::cerr << "kiosk: " << parsed.error().message << "\n";
      return to_int(ExitCode::BadInput);
    }
    config->width = parsed->width;
    config->height = parsed->height;
  }
  AppOptions options;
  options.headless = line->flag("--headless");
  options.font_file = line->option("--font").value_or(KIOSK_DEFAULT_FONT);
  if (auto dir = line->option("--screenshot-dir")) options.screenshot_dir = *dir;
  options.data_dir = line->option("--data-dir").value_or(default_data_dir().string());
  const bool tour = line->flag("--tour");
  if (tour && !options.screenshot_dir) {
    std::cerr << "kiosk: --tour needs --screenshot-dir\n";
    return to_int(ExitCode::BadInput);
  }

  SystemClock system_clock;
  TourClock clock(system_clock);
  if (tour) options.advance_clock = [&clock](std::chrono::milliseconds by) { clock.advance(by); };
  StderrLogger logger;
  auto app = App::create(std::move(config).value(), options, clock, logger);
  if (!app) {
    std::cerr << "kiosk: " << app.error().message() << "\n";
    return to_int(ExitCode::InternalError);
  }
  if (tour) {
    auto done = (*app)->tour();
    if (!done) std::cerr << "kiosk: " << done.error().message() << "\n";
    return to_int(done ? ExitCode::Ok : ExitCode::InternalError);
  }
  if (options.headless && options.screenshot_dir) {
    auto done = (*app)->screenshot("01-welcome");
    if (!done) std::cerr << "kiosk: " << done.error().message() << "\n";
    return to_int(done ? ExitCode::Ok : ExitCode::InternalError);
  }
  // Under systemd the loop also reports the first frame and feeds the watchdog.
  ServiceNotifier notifier(notifier_settings_from_environment(), clock, logger);
  while ((*app)->step(notifier.longest_sleep(std::chrono::seconds(1)))) {
    notifier.main_loop_turned((*app)->frames_drawn());
  }
  return to_int(ExitCode::Ok);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kiosk: internal error: %s\n", e.what());
    return 1;
  }
}
