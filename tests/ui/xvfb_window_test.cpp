// The real kiosk binary in a real X11 window under Xvfb, as on a kiosk with a display server.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "kiosk/app/image.hpp"

namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("the kiosk window opens on an X display and draws every screen") {
  const auto dir = std::filesystem::temp_directory_path() / ("kiosk-xvfb-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string kiosk = std::string(KIOSK_BINARY_DIR) + "/kiosk/app/kiosk";
  // xvfb-run picks a free display number (-a); SDL then opens a real X11 window on it.
  // Leak checking is off for this child only: Mesa's GL driver and libdbus, loaded by SDL's X11
  // backend, keep allocations past exit. The in-process window tests check our code for leaks.
  const char* asan = std::getenv("ASAN_OPTIONS");
  const std::string asan_options = std::string(asan != nullptr ? asan : "") + ":detect_leaks=0";
  const std::string command =
      "xvfb-run -a -s '-screen 0 1280x800x24' env -u SDL_VIDEODRIVER ASAN_OPTIONS=" + asan_options + " " +
      kiosk + " --tour --data-dir " + (dir / "data").string() + " --screenshot-dir " +
      (dir / "shots").string() + " 2> " + (dir / "stderr.txt").string();
  const int status = std::system(command.c_str());
  const std::string log = read_file(dir / "stderr.txt");
  INFO(log);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  CHECK(log.find("video=x11") != std::string::npos);

  for (const char* name :
       {"01-welcome-en",        "01-welcome-fr",      "02-scan-id-en",
        "02-scan-id-fr",        "08-staff-number-en", "09-pin-fr",
        "11-associate-home-en", "12-diagnostics-fr",  "13-assisted-en",
        "14-agent-scan-fr",     "15-agent-en",        "15-agent-fr",
        "16-access-en",         "16-access-fr",       "20-summary-en",
        "20-summary-fr",        "21-withdraw-en",     "21-withdraw-fr",
        "22-expired-en",        "22-expired-fr",      "23-countdown-en",
        "23-countdown-fr",      "24-policy-full-en",  "99-diagnostics-out-of-service-en"}) {
    auto image = kiosk::read_png(dir / "shots" / (std::string(name) + ".png"));
    INFO(name);
    REQUIRE(image.has_value());
    CHECK(image->width == 1280);
    CHECK(image->height == 800);
    CHECK(image->distinct_colours() > 100);
  }
  // The two languages of the scan screen must differ: the French one is really French.
  auto en = kiosk::read_png(dir / "shots" / "02-scan-id-en.png");
  auto fr = kiosk::read_png(dir / "shots" / "02-scan-id-fr.png");
  REQUIRE(en.has_value());
  REQUIRE(fr.has_value());
  CHECK(en->pixels != fr->pixels);
  std::filesystem::remove_all(dir);
}
