#include "kiosk/hq/head_office.hpp"

#include <fstream>
#include <sstream>

#include "kiosk/protocol/certificate_pin.hpp"

namespace kiosk::hq {

StorageOptions storage_options_of(const HqConfig& config) {
  return {config.database, static_cast<int>(config.database_connections),
          static_cast<int>(config.busy_timeout_ms)};
}

Expected<std::unique_ptr<HeadOffice>, HqError> HeadOffice::open(const HqConfig& config, const Clock& clock,
                                                                Logger& logger) {
  auto secrets = load_head_office_secrets(config);
  if (!secrets) return fail(secrets.error());
  std::unique_ptr<HeadOffice> head_office(new HeadOffice(config, std::move(*secrets), clock, logger));

  auto box_keys = BoxKeyringWatch::open(config.box_keys);
  if (!box_keys) return fail(box_keys.error());
  head_office->box_keys_ = std::move(*box_keys);

  std::ifstream in(config.certificate, std::ios::binary);
  if (!in) return fail(HqError{HqErrc::Tls, config.certificate.string() + ": cannot read the certificate"});
  std::ostringstream pem;
  pem << in.rdbuf();
  head_office->certificate_pem_ = pem.str();
  auto spki = protocol::spki_digest_of_certificate(head_office->certificate_pem_);
  if (!spki) return fail(HqError{HqErrc::Tls, config.certificate.string() + ": not a PEM certificate"});
  head_office->spki_ = *spki;

  auto storage = open_storage(storage_options_of(config));
  if (!storage) return fail(storage.error());
  head_office->storage_ = std::move(*storage);
  return head_office;
}

}  // namespace kiosk::hq
