#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "kiosk/app/kiosk_config.hpp"

using namespace kiosk;

namespace {

const char* kMinimal = R"(
[kiosk]
id = "store-12-kiosk-1"
[storage]
database = "kiosk.db"
)";

ConfigError must_fail(std::string_view text) {
  auto result = parse_kiosk_config(text, "test.toml");
  REQUIRE_FALSE(result.has_value());
  return result.error();
}

}  // namespace

TEST_CASE("the embedded demo config parses") {
  auto config = parse_kiosk_config(embedded_demo_config(), "embedded");
  REQUIRE(config.has_value());
  CHECK(config->kiosk_id == "demo-kiosk-01");
  CHECK(config->database == "kiosk.db");
  CHECK(config->head_office_url.starts_with("https://"));
  CHECK(config->scanner_keyboard_wedge);
  CHECK(config->time_zone == "America/Toronto");
}

TEST_CASE("the store's time zone: an IANA name the system knows, or refused") {
  auto montreal = parse_kiosk_config(
      "[kiosk]\nid = \"k\"\ntime_zone = \"America/Montreal\"\n[storage]\ndatabase = \"d\"\n", "test.toml");
  REQUIRE(montreal.has_value());
  CHECK(montreal->time_zone == "America/Montreal");
  auto unknown = must_fail("[kiosk]\nid = \"k\"\ntime_zone = \"Eastern\"\n[storage]\ndatabase = \"d\"\n");
  CHECK(unknown.code == ConfigErrc::BadValue);
  CHECK(unknown.key == "kiosk.time_zone");
  CHECK(unknown.expected.find("America/Toronto") != std::string::npos);
}

TEST_CASE("a minimal config gets defaults for every optional key") {
  auto config = parse_kiosk_config(kMinimal, "test.toml");
  REQUIRE(config.has_value());
  CHECK(config->kiosk_id == "store-12-kiosk-1");
  CHECK(config->default_language == Language::English);
  CHECK(config->inactivity_timeout_seconds == 60);
  CHECK(config->fullscreen);
  CHECK(config->scanner_usb_vendor_id == 0);
  CHECK(config->scanner_usb_product_id == 0);
  CHECK(config->scanner_keyboard_wedge);
  CHECK(config->time_zone == "UTC");
}

TEST_CASE("scanner keys: USB ids in hex or decimal, and the keyboard wedge switch") {
  auto config = parse_kiosk_config(std::string(kMinimal) +
                                       "[scanner]\nusb_vendor_id = 0x0c2e\nusb_product_id = 2913\n"
                                       "keyboard_wedge = false\n",
                                   "test.toml");
  REQUIRE(config.has_value());
  CHECK(config->scanner_usb_vendor_id == 0x0c2e);
  CHECK(config->scanner_usb_product_id == 0x0b61);
  CHECK_FALSE(config->scanner_keyboard_wedge);

  auto too_big = must_fail(std::string(kMinimal) + "[scanner]\nusb_vendor_id = 0x10000\n");
  CHECK(too_big.code == ConfigErrc::BadValue);
  CHECK(too_big.key == "scanner.usb_vendor_id");
  CHECK(too_big.expected.find("0 to 65535") != std::string::npos);
  auto negative = must_fail(std::string(kMinimal) + "[scanner]\nusb_product_id = -1\n");
  CHECK(negative.code == ConfigErrc::BadValue);
  CHECK(negative.key == "scanner.usb_product_id");
  auto text = must_fail(std::string(kMinimal) + "[scanner]\nusb_vendor_id = \"0c2e\"\n");
  CHECK(text.code == ConfigErrc::WrongType);
  auto wedge = must_fail(std::string(kMinimal) + "[scanner]\nkeyboard_wedge = \"yes\"\n");
  CHECK(wedge.code == ConfigErrc::WrongType);
  CHECK(wedge.key == "scanner.keyboard_wedge");
  auto misspelt = must_fail(std::string(kMinimal) + "[scanner]\nusb_vendor = 1\n");
  CHECK(misspelt.code == ConfigErrc::UnknownKey);
}

TEST_CASE("malformed TOML names the file and the position") {
  auto error = must_fail("[kiosk\nid = 1");
  CHECK(error.code == ConfigErrc::Malformed);
  CHECK(error.message().find("test.toml") != std::string::npos);
  CHECK(error.message().find("line") != std::string::npos);
}

TEST_CASE("a value of the wrong type names the key and what was expected") {
  auto error = must_fail(std::string(kMinimal) + "[display]\nwidth = \"wide\"\n");
  CHECK(error.code == ConfigErrc::WrongType);
  CHECK(error.key == "display.width");
  CHECK(error.message().find("integer") != std::string::npos);
}

TEST_CASE("an unknown key is an error, not silently ignored") {
  auto error = must_fail(std::string(kMinimal) + "[display]\nfulscreen = true\n");
  CHECK(error.code == ConfigErrc::UnknownKey);
  CHECK(error.key == "display.fulscreen");
}

TEST_CASE("a missing required key is named") {
  auto error = must_fail("[kiosk]\nid = \"k\"\n");
  CHECK(error.code == ConfigErrc::MissingKey);
  CHECK(error.key == "storage.database");
  CHECK(error.message().find("test.toml: storage.database") == 0);
}

TEST_CASE("out-of-range and unsupported values are refused with what is allowed") {
  auto timeout = must_fail(std::string(kMinimal) + "[kiosk]\n");  // redefining a table is malformed
  CHECK(timeout.code == ConfigErrc::Malformed);
  auto language = must_fail("[kiosk]\nid = \"k\"\ndefault_language = \"de\"\n[storage]\ndatabase = \"d\"\n");
  CHECK(language.code == ConfigErrc::BadValue);
  CHECK(language.key == "kiosk.default_language");
  auto short_timeout =
      must_fail("[kiosk]\nid = \"k\"\ninactivity_timeout_seconds = 2\n[storage]\ndatabase = \"d\"\n");
  CHECK(short_timeout.code == ConfigErrc::BadValue);
  CHECK(short_timeout.expected.find("10 to 600") != std::string::npos);
}

TEST_CASE("a missing file is reported with its path") {
  auto result = load_kiosk_config("/nonexistent/kiosk.toml");
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == ConfigErrc::FileUnreadable);
  CHECK(result.error().message().find("/nonexistent/kiosk.toml") != std::string::npos);
}

TEST_CASE("a config file on disk loads the same as its text") {
  auto dir = std::filesystem::temp_directory_path() / "kiosk-config-test";
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "kiosk.toml") << kMinimal << "[head_office]\nurl = \"https://hq.example:8443\"\n"; }
  auto config = load_kiosk_config(dir / "kiosk.toml");
  REQUIRE(config.has_value());
  CHECK(config->head_office_url == "https://hq.example:8443");
  std::filesystem::remove_all(dir);
}

TEST_CASE("relative paths come from the config file's folder, or the data dir for the embedded config") {
  auto embedded = parse_kiosk_config(embedded_demo_config(), "embedded");
  REQUIRE(embedded.has_value());
  CHECK(resolve_config_path(*embedded, "kiosk.db", "/var/lib/kiosk") == "/var/lib/kiosk/kiosk.db");
  CHECK(resolve_config_path(*embedded, "/srv/k.db", "/var/lib/kiosk") == "/srv/k.db");

  auto dir = std::filesystem::temp_directory_path() / "kiosk-config-dir-test";
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "kiosk.toml") << kMinimal; }
  auto from_file = load_kiosk_config(dir / "kiosk.toml");
  REQUIRE(from_file.has_value());
  CHECK(resolve_config_path(*from_file, from_file->database, "/var/lib/kiosk") == dir / "kiosk.db");
  std::filesystem::remove_all(dir);
}

TEST_CASE("camera keys: a device or folder, its size and frame rate, with defaults and ranges") {
  auto none = parse_kiosk_config(kMinimal, "test.toml");
  REQUIRE(none.has_value());
  CHECK(none->camera_device.empty());
  CHECK(none->camera_width == 1280);
  CHECK(none->camera_height == 720);
  CHECK(none->camera_frame_rate == 30);
  auto camera = parse_kiosk_config(std::string(kMinimal) + R"(
[camera]
device = "/dev/video2"
width = 1920
height = 1080
frame_rate = 15
)",
                                   "test.toml");
  REQUIRE(camera.has_value());
  CHECK(camera->camera_device == "/dev/video2");
  CHECK(camera->camera_width == 1920);
  CHECK(camera->camera_height == 1080);
  CHECK(camera->camera_frame_rate == 15);
  CHECK(must_fail(std::string(kMinimal) + "[camera]\nwidth = 8192\n").key == "camera.width");
  CHECK(must_fail(std::string(kMinimal) + "[camera]\nframe_rate = 0\n").code == ConfigErrc::BadValue);
  CHECK(must_fail(std::string(kMinimal) + "[camera]\ndevice = 0\n").code == ConfigErrc::WrongType);
}

TEST_CASE("a config too large or nested too deep is refused before toml++ parses it") {
  // 80 KB of nested inline tables overflowed toml++'s stack; now refused by its size.
  std::string deep = std::string(kMinimal) + "x = ";
  while (deep.size() < 80 * 1024) deep += "{a=";
  CHECK(must_fail(deep).code == ConfigErrc::TooLarge);
  CHECK(to_string(ConfigErrc::TooLarge) == "config-too-large");
  // Small, but nested beyond the cap: arrays, inline tables or dotted keys.
  for (const std::string& nested :
       {"x = " + std::string(40, '[') + std::string(40, ']'), "x = " + std::string(20, '{') + "}",
        "[" + std::string(30, 'a') + "]\n" + "q.q.q.q.q.q.q.q.q.q.q.q.q.q.q.q.q.q = 1"}) {
    INFO(nested);
    const ConfigError error = must_fail(std::string(kMinimal) + nested + "\n");
    CHECK(error.code == ConfigErrc::Malformed);
    CHECK(error.detail.find("nested") != std::string::npos);
  }
  // Brackets and dots inside strings and comments do not count.
  auto quoted = parse_kiosk_config(R"(
[kiosk]
id = "k" # [[[[[[[[[[[[[[[[[[[[ a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r
store_name = "[[[[[[[[[[[[[[[[[[[[{{{{"
[storage]
database = 'a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.db'
)",
                                   "test.toml");
  REQUIRE(quoted.has_value());
  CHECK(quoted->store_name == "[[[[[[[[[[[[[[[[[[[[{{{{");
}
