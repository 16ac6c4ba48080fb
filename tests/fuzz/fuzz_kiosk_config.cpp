// libFuzzer harness for the config loader (kiosk/app/src/kiosk_config.cpp): arbitrary text through
// parse_kiosk_config, toml++ included. No crash, no stack overflow (the size and nesting caps
// come before toml++), no exception out of the loader; a config it accepts holds only values its
// keys allow, and a refusal names its code and file.
//
// With KIOSK_FUZZ_SEED_DIR set, it writes a seed corpus there (the example config and variants)
// and exits: tests/fuzz/run-fuzzers.sh asks for it.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/app/kiosk_config.hpp"

namespace {

void require(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "broken invariant: %s\n", what);
  std::abort();
}

std::vector<std::string> seeds() {
  std::ifstream in(KIOSK_EXAMPLE_CONFIG);
  std::stringstream example;
  example << in.rdbuf();
  const std::string minimal = "[kiosk]\nid = \"k\"\n[storage]\ndatabase = \"kiosk.db\"\n";
  return {example.str(),
          minimal,
          minimal + "[camera]\ndevice = \"/dev/video0\"\nwidth = 640\nheight = 480\nframe_rate = 15\n",
          minimal + "[scanner]\nusb_vendor_id = 0x0c2e\nkeyboard_wedge = false\n",
          minimal + "x = [[1, 2], {a = {b = 'c'}}]\n",
          minimal + "a.b.c.d = \"\"\"multi\nline\"\"\"\n",
          "[kiosk\nid = \n"};
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("KIOSK_FUZZ_SEED_DIR")) {
    int index = 0;
    for (const auto& seed : seeds())
      std::ofstream(std::string(dir) + "/seed-" + std::to_string(index++)) << seed;
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto config = kiosk::parse_kiosk_config(text, "fuzz.toml");
  if (!config) {
    require(config.error().file == "fuzz.toml", "a refusal names the file");
    require(kiosk::to_string(config.error().code) != "config-error", "a refusal has a code");
    require(!config.error().message().empty(), "a refusal has a message");
    return 0;
  }
  require(size <= kiosk::kMaxConfigBytes, "nothing above the size cap is accepted");
  require(!config->kiosk_id.empty(), "kiosk.id is required and not empty");
  require(!config->database.empty(), "storage.database is required and not empty");
  require(config->inactivity_timeout_seconds >= 10 && config->inactivity_timeout_seconds <= 600,
          "the timeout within its range");
  require(config->camera_width >= 160 && config->camera_width <= 4096, "the camera width within its range");
  require(config->camera_frame_rate >= 1 && config->camera_frame_rate <= 120,
          "the frame rate within its range");
  require(config->scanner_usb_vendor_id >= 0 && config->scanner_usb_vendor_id <= 0xFFFF, "a USB id");
  require(config->head_office_url.empty() || config->head_office_url.starts_with("https://"), "an https URL");
  return 0;
}
