#pragma once
// A kiosk enrolled with a head office the test plays: head office's keys and certificate, and
// the kiosk's key files written as `kioskctl provision` writes them, without a network.

#include <filesystem>
#include <string>

#include "kiosk/seal/keys.hpp"
#include "kiosk/store/kiosk_keys.hpp"
#include "test_certificate.hpp"

struct TestHeadOffice {
  kiosk::seal::SigningKeyPair identity = kiosk::seal::generate_signing_key_pair();
  kiosk::seal::BoxKeyPair box = kiosk::seal::generate_box_key_pair();
  TestCertificate tls = make_test_certificate();

  kiosk::store::HeadOfficeGrant grant() const {
    return {kiosk::seal::head_office_key_of(box), identity.public_key, tls.certificate_pem};
  }
};

struct EnrolledKioskFiles {
  std::filesystem::path database;
  kiosk::store::HeadOfficeKeyFiles head_office;

  kiosk::store::KeyPolicy policy() const { return {kiosk::store::KeyMode::Enrolled, head_office}; }
  kiosk::store::KeyFiles files() const { return kiosk::store::key_files_for(database, policy()); }
};

// Writes the kiosk's keys and head office's public material into `folder` (database kiosk.db).
inline EnrolledKioskFiles write_enrolled_kiosk(const std::filesystem::path& folder,
                                               const TestHeadOffice& head_office) {
  EnrolledKioskFiles out{
      folder / "kiosk.db",
      {folder / "kiosk.db.hq.pub", folder / "kiosk.db.hq-identity.pub", folder / "kiosk.db.hq.crt"}};
  auto written = kiosk::store::write_enrolled_keys(
      out.database, out.head_office, kiosk::store::generate_kiosk_secrets(), head_office.grant());
  if (!written) throw std::runtime_error("enrolled keys: " + written.error().detail);
  return out;
}
