#pragma once
// Head office's secrets, each in its own file beside hq.toml (mode 0600):
//   identity key (Ed25519)  signs client-state answers and box-key announcements; kiosks pin it
//   box keys (X25519)       kiosks seal envelopes and questions to the newest; all stay for opening
//   client-hash secret      keys head office's name for a client (a keyed hash of the document)
//   admin token             the bearer token of the admin endpoints

#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/core/expected.hpp"
#include "kiosk/hq/hq_config.hpp"
#include "kiosk/hq/hq_error.hpp"
#include "kiosk/seal/envelope.hpp"

namespace kiosk::hq {

// Head office's name for a client: keyed BLAKE2b-256 of the normalized issuer and document
// number, in hex. Fast on purpose: the secret never leaves head office, and every lookup and
// every stored record pays it.
class ClientKeyer {
 public:
  explicit ClientKeyer(std::span<const unsigned char, 32> secret);
  std::string key_for(std::string_view issuer, std::string_view document_number) const;

 private:
  seal::SecretKey<32> secret_;
};

struct HeadOfficeSecrets {
  seal::SigningKeyPair identity;
  ClientKeyer clients;
  std::string admin_token;
};

Expected<HeadOfficeSecrets, HqError> load_head_office_secrets(const HqConfig& config);

// The box keys file holds each X25519 secret (32 bytes) in turn, newest last.
Expected<seal::BoxKeyring, HqError> load_box_keyring(const std::filesystem::path& file);
// Creates the file with one fresh key; refuses when it exists.
Expected<seal::HeadOfficeBoxKey, HqError> create_box_keyring(const std::filesystem::path& file);
// Adds a fresh key as the newest (rotation); the old ones stay so that what was sealed to them
// still opens. The file is replaced whole, under a lock that serializes rotations.
Expected<seal::HeadOfficeBoxKey, HqError> add_box_key(const std::filesystem::path& file);

// The keyring as the server uses it: re-read when the file changed, so that a rotation takes
// effect without a restart and an envelope sealed to a key added by another process still opens.
class BoxKeyringWatch {
 public:
  static Expected<std::unique_ptr<BoxKeyringWatch>, HqError> open(const std::filesystem::path& file);
  // Never null. Reading a changed file that turns out unreadable keeps the last good keyring.
  std::shared_ptr<const seal::BoxKeyring> current();

 private:
  struct FileState {
    unsigned long long inode = 0, size = 0;
    long long modified_ns = 0;
    bool operator==(const FileState&) const = default;
  };
  static FileState state_of(const std::filesystem::path& file);
  explicit BoxKeyringWatch(std::filesystem::path file) : file_(std::move(file)) {}

  std::filesystem::path file_;
  std::mutex mutex_;
  FileState seen_;
  std::shared_ptr<const seal::BoxKeyring> keyring_;
};

}  // namespace kiosk::hq
