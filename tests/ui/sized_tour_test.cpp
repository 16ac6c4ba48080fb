// `kiosk --headless --tour --size WxH`: the real binary walks every screen at a portrait and a
// 1080p landscape size, each PNG at the size asked for, as many at each size.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "kiosk/app/image.hpp"

namespace {

const std::string kKiosk = std::string(KIOSK_BINARY_DIR) + "/kiosk/app/kiosk";

struct Run {
  int exit = -1;
  std::string stderr_text;
};

Run run_kiosk(const std::filesystem::path& dir, const std::string& arguments) {
  const auto err = dir / "stderr.txt";
  const std::string command = kKiosk + " --headless " + arguments + " 2> " + err.string();
  const int status = std::system(command.c_str());
  std::ifstream in(err);
  std::stringstream text;
  text << in.rdbuf();
  return Run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

std::set<std::string> png_names(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".png") names.insert(entry.path().filename().string());
  }
  return names;
}

}  // namespace

TEST_CASE("the headless tour runs in portrait and in 1080p with every PNG at the size asked for") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("kiosk-sized-tour-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::set<std::string> first_names;
  for (const auto& [width, height] : {std::pair{1080, 1920}, std::pair{1920, 1080}}) {
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    INFO(size);
    const auto shots = dir / ("shots-" + size);
    const Run run =
        run_kiosk(dir, "--tour --size " + size + " --data-dir " + (dir / ("data-" + size)).string() +
                           " --screenshot-dir " + shots.string());
    INFO(run.stderr_text);
    REQUIRE(run.exit == 0);
    CHECK(run.stderr_text.find(size + ", layout scale 1.35") != std::string::npos);
    const auto names = png_names(shots);
    // Every client and staff screen in English and French, and the kiosk out of service.
    CHECK(names.size() >= 26);
    if (first_names.empty()) {
      first_names = names;
    } else {
      CHECK(names == first_names);  // the same screens at each size
    }
    for (const auto& name : names) {
      INFO(name);
      auto image = kiosk::read_png(shots / name);
      REQUIRE(image.has_value());
      CHECK(image->width == width);
      CHECK(image->height == height);
      CHECK(image->distinct_colours() > 100);
    }
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("kiosk refuses a malformed or absurd window size before opening a window") {
  const auto dir = std::filesystem::temp_directory_path() / ("kiosk-bad-size-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto [size, message] = GENERATE(table<const char*, const char*>({
      {"1080by1920", "--size takes WIDTHxHEIGHT"},
      {"100x100", "each side must be from 480 to 7680 pixels"},
  }));
  const Run run =
      run_kiosk(dir, std::string("--size ") + size + " --screenshot-dir " + (dir / "shots").string());
  INFO(run.stderr_text);
  CHECK(run.exit == 2);
  CHECK(run.stderr_text.find(message) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "shots"));
  std::filesystem::remove_all(dir);
}
