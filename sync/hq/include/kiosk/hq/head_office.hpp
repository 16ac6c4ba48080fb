#pragma once
// One head office as `serve` and the commands use it: its configuration, secrets, box keys,
// storage and TLS certificate, loaded once and checked together.

#include <memory>
#include <string>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/hq/head_office_keys.hpp"
#include "kiosk/hq/head_office_storage.hpp"
#include "kiosk/hq/hq_config.hpp"
#include "kiosk/protocol/enrollment.hpp"

namespace kiosk::hq {

class HeadOffice {
 public:
  static Expected<std::unique_ptr<HeadOffice>, HqError> open(const HqConfig& config, const Clock& clock,
                                                             Logger& logger);

  const HqConfig& config() const { return config_; }
  HeadOfficeStorage& storage() { return *storage_; }
  BoxKeyringWatch& box_keys() { return *box_keys_; }
  const HeadOfficeSecrets& secrets() const { return secrets_; }
  const std::string& certificate_pem() const { return certificate_pem_; }
  // SHA-256 of the certificate's SubjectPublicKeyInfo: what enrollment proofs are bound to.
  const protocol::SpkiDigest& spki() const { return spki_; }
  const Clock& clock() const { return *clock_; }
  Logger& logger() { return *logger_; }

 private:
  HeadOffice(HqConfig config, HeadOfficeSecrets secrets, const Clock& clock, Logger& logger)
      : config_(std::move(config)), secrets_(std::move(secrets)), clock_(&clock), logger_(&logger) {}

  HqConfig config_;
  HeadOfficeSecrets secrets_;
  std::unique_ptr<BoxKeyringWatch> box_keys_;
  std::unique_ptr<HeadOfficeStorage> storage_;
  std::string certificate_pem_;
  protocol::SpkiDigest spki_{};
  const Clock* clock_;
  Logger* logger_;
};

StorageOptions storage_options_of(const HqConfig& config);

}  // namespace kiosk::hq
