#pragma once
// The kiosk's keys, each in its own file (mode 0600, owned by the kiosk's user; *.key is ignored
// by git):
//   NAME.signing.key       Ed25519 secret: signs every envelope and every request to head office
//   NAME.client-hash.key   secret for the client key (slow keyed hash of the document)
//   head office's box key  X25519 public: envelopes are sealed to it (demo: NAME.hq.pub)
//   head office's identity key and TLS certificate: enrolled kiosks only, pinned at enrollment
//   NAME.hq-demo.key       demo only: the demo head office's secret, so demo data can be opened
//
// Two modes. Demo (`kioskctl --db` on a new database, the kiosk on its embedded config) creates
// what a new database lacks. Enrolled (a config written by `kioskctl provision`) never creates,
// replaces or falls back to a key: each file must be there, private and unchanged, or the kiosk
// refuses to record and says which file and why.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/expected.hpp"
#include "kiosk/seal/envelope.hpp"
#include "kiosk/store/store_error.hpp"

namespace kiosk::store {

enum class KeyMode { Demo, Enrolled };
std::string_view to_string(KeyMode mode);

// Head office's public material on an enrolled kiosk, where the config says.
struct HeadOfficeKeyFiles {
  std::filesystem::path box_key;       // X25519 public key, 32 bytes; replaced when head office rotates it
  std::filesystem::path identity_key;  // Ed25519 public key, 32 bytes: signs answers and key announcements
  std::filesystem::path certificate;   // PEM: head office's TLS certificate, the kiosk's only CA
};

struct KeyPolicy {
  KeyMode mode = KeyMode::Demo;
  HeadOfficeKeyFiles head_office;  // enrolled only; an empty path means the default beside the database
};

struct KeyFiles {
  std::filesystem::path signing;
  std::filesystem::path client_hash;
  std::filesystem::path head_office_box;
  std::filesystem::path head_office_identity;     // enrolled only
  std::filesystem::path head_office_certificate;  // enrolled only
  std::filesystem::path demo_head_office_secret;  // demo only
};

KeyFiles key_files_for(const std::filesystem::path& database, const KeyPolicy& policy = {});

// What an enrolled kiosk pinned at enrollment.
struct HeadOfficeTrust {
  seal::SigningPublicKey identity{};
  std::string certificate_pem;
  seal::Hash32 certificate_spki{};  // SHA-256 of its SubjectPublicKeyInfo, as libcurl pins it
};

struct KioskKeys {
  KeyMode mode = KeyMode::Demo;
  seal::SigningKeyPair signing;
  seal::SecretKey<32> client_hash_secret;
  seal::HeadOfficeBoxKey head_office{};
  std::optional<HeadOfficeTrust> trust;  // enrolled only
};

// What the database records of its keys (meta), and what `kioskctl status` shows a tech. Hex.
struct KeyFingerprints {
  std::string kiosk_signing;
  std::string client_hash_check;  // a keyed hash: tells which secret without revealing it
  std::string head_office_box_key_id;
  std::string head_office_identity;  // empty in demo mode
  std::string certificate_spki;      // empty in demo mode
};
KeyFingerprints fingerprints_of(const KioskKeys& keys);

// Loads and checks every key file. `may_create` (honoured in demo mode only, for a database that
// does not exist yet) creates the kiosk's own keys and the demo head office where missing.
Expected<KioskKeys, StoreError> load_kiosk_keys(const std::filesystem::path& database,
                                                const KeyPolicy& policy, bool may_create);

// Head office's box key as its file holds it, checked.
Expected<seal::HeadOfficeBoxKey, StoreError> read_head_office_box_key(const std::filesystem::path& file);

// The demo head office's key pair, for demo tools and tests that play head office.
Expected<seal::BoxKeyPair, StoreError> load_demo_head_office(const std::filesystem::path& database);

// The kiosk's own secrets, made on the kiosk when it enrolls.
struct KioskSecrets {
  seal::SigningKeyPair signing;
  seal::SecretKey<32> client_hash_secret;
};
KioskSecrets generate_kiosk_secrets();

// What head office gave at enrollment.
struct HeadOfficeGrant {
  seal::HeadOfficeBoxKey box_key;
  seal::SigningPublicKey identity{};
  std::string certificate_pem;
};

// Writes an enrolling kiosk's key files. Refuses when any of them exists: enrolling never replaces
// a key a database may already depend on.
Status<StoreError> write_enrolled_keys(const std::filesystem::path& database, const HeadOfficeKeyFiles& files,
                                       const KioskSecrets& secrets, const HeadOfficeGrant& grant);

}  // namespace kiosk::store
