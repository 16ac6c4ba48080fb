#pragma once
// `consent-hq init`: a new head office on embedded defaults, in one folder. Never overwrites one:
// if any of its files is already there, nothing is written.

#include <filesystem>
#include <string>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/hq/hq_config.hpp"

namespace kiosk::hq {

struct InitOptions {
  std::filesystem::path dir;
  ListenAddress listen{"127.0.0.1", 8443};
  std::string database;  // empty: SQLite in `dir`; else a postgresql:// URL
};

struct InitReport {
  std::filesystem::path config_file;
  std::string listen;
  std::string backend;              // "sqlite" or "postgresql"
  std::string identity_public_key;  // hex: what kiosks pin from their grant
  std::string box_key_id;           // hex
  std::string certificate_pin;      // sha256//BASE64 of the certificate's public key
};

Expected<InitReport, HqError> init_head_office(const InitOptions& options, const Clock& clock);

}  // namespace kiosk::hq
