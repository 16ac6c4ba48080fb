#pragma once
// The kiosk's keys, in files beside its database (mode 0600, never committed: *.key is ignored).
//   NAME.signing.key      Ed25519 secret: signs every envelope
//   NAME.client-hash.key  secret for the client key (slow keyed hash of the document)
//   NAME.hq.pub           head office's X25519 public key: envelopes are sealed to it
//   NAME.hq-demo.key      until enrollment exists, a demo head office's secret, so that demo
//                         data can be opened; an enrolled kiosk has no such file
// Each file is written whole, unnamed, then linked into place: a kill never leaves half a key.

#include <filesystem>

#include "kiosk/core/expected.hpp"
#include "kiosk/seal/envelope.hpp"
#include "kiosk/store/store_error.hpp"

namespace kiosk::store {

struct KioskKeys {
  seal::SigningKeyPair signing;
  seal::SecretKey<32> client_hash_secret;
  seal::HeadOfficeBoxKey head_office{};
};

struct KeyFiles {
  std::filesystem::path signing;
  std::filesystem::path client_hash;
  std::filesystem::path head_office_public;
  std::filesystem::path demo_head_office_secret;
};

KeyFiles key_files_for(const std::filesystem::path& database);

// Loads the keys, creating any that do not exist yet (and the demo head office pair when no
// head office key was installed).
Expected<KioskKeys, StoreError> load_or_create_kiosk_keys(const std::filesystem::path& database);

// The demo head office's key pair, for demo tools and tests that play head office.
Expected<seal::BoxKeyPair, StoreError> load_demo_head_office(const std::filesystem::path& database);

}  // namespace kiosk::store
