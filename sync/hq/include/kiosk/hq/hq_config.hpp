#pragma once
// Head office's configuration (hq.toml) and its one loader. Every key is in config/README.md.
// The loader is strict: an unknown key, a wrong type or a missing required key is an error that
// names the file and the key, never a silent default. toml++ stays inside the .cpp.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "kiosk/core/expected.hpp"
#include "kiosk/hq/hq_error.hpp"

namespace kiosk::hq {

// "HOST:PORT", "[IPv6]:PORT"; port 0 asks the system for a free one (tests).
struct ListenAddress {
  std::string host;
  int port = 8443;
  bool host_is_ip() const;
  std::string text() const;  // back to "HOST:PORT"
};
Expected<ListenAddress, HqError> parse_listen_address(std::string_view text);

struct HqConfig {
  ListenAddress listen{"127.0.0.1", 8443};
  // Worker threads: each open keep-alive connection holds one while it lasts.
  std::int64_t threads = 64;
  std::int64_t keep_alive_max_requests = 1000;
  std::int64_t keep_alive_timeout_seconds = 5;

  std::filesystem::path certificate;  // PEM, public
  std::filesystem::path tls_key;      // PEM, secret
  std::filesystem::path identity_key;
  std::filesystem::path box_keys;
  std::filesystem::path client_hash_key;
  std::filesystem::path admin_token;

  // A SQLite file, or a postgresql:// URL.
  std::string database;
  std::int64_t database_connections = 4;
  std::int64_t busy_timeout_ms = 5000;

  std::int64_t token_ttl_hours = 24;

  // Where it came from, for messages; relative paths above are already resolved against it.
  std::string source;

  bool uses_postgresql() const;
};

bool is_postgresql_url(std::string_view database);

Expected<HqConfig, HqError> parse_hq_config(std::string_view toml_text, std::string_view source_name,
                                            const std::filesystem::path& directory);
Expected<HqConfig, HqError> load_hq_config(const std::filesystem::path& file);

// The names `consent-hq init` gives its files in the head office's folder.
namespace file_names {
inline constexpr std::string_view kConfig = "hq.toml";
inline constexpr std::string_view kCertificate = "hq.crt";
inline constexpr std::string_view kTlsKey = "hq-tls.key";
inline constexpr std::string_view kIdentityKey = "hq-identity.key";
inline constexpr std::string_view kBoxKeys = "hq-box.keys";
inline constexpr std::string_view kClientHashKey = "hq-client-hash.key";
inline constexpr std::string_view kAdminToken = "hq-admin.token";
inline constexpr std::string_view kSqliteDatabase = "hq.db";
}  // namespace file_names

// The hq.toml `consent-hq init` writes: file names relative to its own folder.
struct InitialConfig {
  ListenAddress listen;
  std::string database;  // a file name in the folder, or a postgresql:// URL
};
std::string initial_config_text(const InitialConfig& initial);

}  // namespace kiosk::hq
