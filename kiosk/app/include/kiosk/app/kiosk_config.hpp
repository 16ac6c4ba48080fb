#pragma once
// The kiosk's configuration and its one loader. toml++ stays inside the .cpp: it is heavy.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "kiosk/core/expected.hpp"
#include "kiosk/core/language.hpp"

namespace kiosk {

struct KioskConfig {
  std::string kiosk_id;
  std::string store_name;
  // The store's wall clock, for receipts (records themselves are in UTC).
  std::string time_zone = "UTC";
  Language default_language = Language::English;
  std::int64_t inactivity_timeout_seconds = 60;

  std::filesystem::path database;
  // Ledger history older than this is pruned (what head office has not acknowledged never is).
  std::int64_t retention_days = 2555;

  bool fullscreen = true;
  std::int64_t width = 1280;
  std::int64_t height = 800;

  std::string head_office_url;
  // An enrolled kiosk (its config written by `kioskctl provision`): head office's public material,
  // pinned at enrollment. All three or none; none is a demo kiosk, which never syncs.
  std::filesystem::path head_office_certificate;
  std::filesystem::path head_office_identity_key;
  std::filesystem::path head_office_box_key;
  std::int64_t sync_interval_seconds = 60;
  std::int64_t connect_timeout_ms = 5000;
  std::int64_t request_timeout_seconds = 30;
  // A client waits while head office is asked for their choices: short, then this kiosk's record.
  std::int64_t lookup_timeout_ms = 2500;
  std::int64_t batch_max_records = 200;
  std::int64_t batch_max_bytes = std::int64_t{1} << 20;
  bool enrolled() const { return !head_office_certificate.empty(); }

  // The USB HID-POS scanner to use; 0 matches any barcode scanner.
  std::int64_t scanner_usb_vendor_id = 0;
  std::int64_t scanner_usb_product_id = 0;
  // Also take scans typed by a keyboard-wedge scanner (told from typing by their speed).
  bool scanner_keyboard_wedge = true;

  // The USB ESC/POS receipt printer (printer class, or its vendor interface); vendor 0: none.
  std::int64_t printer_vendor_id = 0;
  std::int64_t printer_product_id = 0;
  bool has_printer() const { return printer_vendor_id != 0; }

  // A camera that reads the card's barcode: a V4L2 device ("/dev/video0") or a folder of frames
  // played in a loop (demos, field tests); empty: no camera. Size and rate are asked of it.
  std::string camera_device;
  std::int64_t camera_width = 1280;
  std::int64_t camera_height = 720;
  std::int64_t camera_frame_rate = 30;

  // Where the configuration came from, for messages ("embedded demo config" or a path).
  std::string source;
  // The folder of the file it was read from; empty for the embedded config.
  std::filesystem::path directory;
};

enum class ConfigErrc {
  FileUnreadable,
  TooLarge,  // more bytes than any kiosk.toml needs: refused before it is read
  Malformed,
  WrongType,
  UnknownKey,
  MissingKey,
  BadValue,
};

std::string_view to_string(ConfigErrc code);

struct ConfigError {
  ConfigErrc code;
  std::string file;
  std::string key;       // dotted, e.g. "kiosk.id"; empty when the whole file is at fault
  std::string expected;  // what would have been right
  std::string detail;    // e.g. the TOML parser's own words and position

  // "config/kiosk.toml: kiosk.inactivity_timeout_seconds: expected an integer ..."
  std::string message() const;
};

// What a config may be before toml++ sees it. kiosk.toml is under 2 KB and 2 levels deep; toml++
// parses and frees nested tables and arrays by recursion, so an 80 KB file nested thousands of
// levels deep overflowed the stack. Both caps are checked on the text itself.
inline constexpr std::size_t kMaxConfigBytes = 64 * 1024;
inline constexpr int kMaxConfigNesting = 16;

Expected<KioskConfig, ConfigError> parse_kiosk_config(std::string_view toml_text,
                                                      std::string_view source_name);
Expected<KioskConfig, ConfigError> load_kiosk_config(const std::filesystem::path& file);

// The one rule for relative paths: they are taken from the config file's folder; the embedded
// config has no folder, so its paths are taken from the data directory.
std::filesystem::path resolve_config_path(const KioskConfig& config, const std::filesystem::path& path,
                                          const std::filesystem::path& data_dir);

// config/kiosk.toml as it was at build time.
std::string_view embedded_demo_config();

}  // namespace kiosk
