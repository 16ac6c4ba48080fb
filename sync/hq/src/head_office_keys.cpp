#include "kiosk/hq/head_office_keys.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "kiosk/hq/secret_file.hpp"
#include "kiosk/seal/signature.hpp"
#include "kiosk/store/client_key.hpp"

namespace kiosk::hq {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kBoxSecretBytes = 32;

HqError wrong_size(const fs::path& file, std::string_view what) {
  return {HqErrc::KeyFile, file.string() + ": not " + std::string(what)};
}

class Wiped {
 public:
  explicit Wiped(std::vector<unsigned char> bytes) : bytes_(std::move(bytes)) {}
  ~Wiped() { seal::wipe_bytes(bytes_.data(), bytes_.size()); }
  Wiped(const Wiped&) = delete;
  Wiped& operator=(const Wiped&) = delete;
  std::vector<unsigned char>& bytes() { return bytes_; }

 private:
  std::vector<unsigned char> bytes_;
};

Expected<seal::BoxKeyring, HqError> keyring_from(const fs::path& file, std::vector<unsigned char>& bytes) {
  if (bytes.empty() || bytes.size() % kBoxSecretBytes != 0) {
    return fail(wrong_size(file, "a list of 32-byte box keys"));
  }
  seal::BoxKeyring keyring;
  for (std::size_t at = 0; at < bytes.size(); at += kBoxSecretBytes) {
    keyring.add(seal::box_key_pair_from_secret(std::span<const unsigned char, 32>(bytes.data() + at, 32)));
  }
  return keyring;
}

// Serializes rotations: the keys file itself is replaced, so the lock lives beside it.
class RotationLock {
 public:
  explicit RotationLock(const fs::path& keys) {
    fs::path lock = keys;
    lock += ".lock";
    fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~RotationLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  RotationLock(const RotationLock&) = delete;
  RotationLock& operator=(const RotationLock&) = delete;
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace

ClientKeyer::ClientKeyer(std::span<const unsigned char, 32> secret) {
  std::copy(secret.begin(), secret.end(), secret_.data());
}

std::string ClientKeyer::key_for(std::string_view issuer, std::string_view document_number) const {
  std::string normalized = store::normalized_document_key(issuer, document_number);
  const seal::Hash32 key = seal::hash_parts("hq-client-key/1", {seal::bytes_of(normalized)}, secret_.bytes());
  seal::wipe_bytes(normalized.data(), normalized.size());
  return seal::to_hex(key);
}

Expected<HeadOfficeSecrets, HqError> load_head_office_secrets(const HqConfig& config) {
  auto identity_bytes = read_secret_file(config.identity_key);
  if (!identity_bytes) return fail(identity_bytes.error());
  Wiped identity(std::move(*identity_bytes));
  if (identity.bytes().size() != 64) return fail(wrong_size(config.identity_key, "a 64-byte Ed25519 key"));

  auto client_bytes = read_secret_file(config.client_hash_key);
  if (!client_bytes) return fail(client_bytes.error());
  Wiped client(std::move(*client_bytes));
  if (client.bytes().size() != 32) return fail(wrong_size(config.client_hash_key, "a 32-byte secret"));

  auto token_bytes = read_secret_file(config.admin_token);
  if (!token_bytes) return fail(token_bytes.error());
  std::string token(token_bytes->begin(), token_bytes->end());
  seal::wipe_bytes(token_bytes->data(), token_bytes->size());
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
  if (token.size() < 32) return fail(wrong_size(config.admin_token, "a token of at least 32 characters"));

  return HeadOfficeSecrets{
      seal::signing_key_pair_from_secret(std::span<const unsigned char, 64>(identity.bytes().data(), 64)),
      ClientKeyer(std::span<const unsigned char, 32>(client.bytes().data(), 32)), std::move(token)};
}

Expected<seal::BoxKeyring, HqError> load_box_keyring(const fs::path& file) {
  auto bytes = read_secret_file(file);
  if (!bytes) return fail(bytes.error());
  Wiped secrets(std::move(*bytes));
  return keyring_from(file, secrets.bytes());
}

Expected<seal::HeadOfficeBoxKey, HqError> create_box_keyring(const fs::path& file) {
  const seal::BoxKeyPair pair = seal::generate_box_key_pair();
  auto written = write_file_atomically(file, pair.secret.bytes(), FileAccess::OwnerOnly, IfExists::Refuse);
  if (!written) return fail(written.error());
  return seal::head_office_key_of(pair);
}

Expected<seal::HeadOfficeBoxKey, HqError> add_box_key(const fs::path& file) {
  RotationLock lock(file);
  if (!lock.held()) return fail(HqError{HqErrc::KeyFile, file.string() + ": cannot lock for rotation"});
  auto bytes = read_secret_file(file);
  if (!bytes) return fail(bytes.error());
  Wiped secrets(std::move(*bytes));
  if (auto valid = keyring_from(file, secrets.bytes()); !valid) return fail(valid.error());
  const seal::BoxKeyPair pair = seal::generate_box_key_pair();
  secrets.bytes().insert(secrets.bytes().end(), pair.secret.data(), pair.secret.data() + kBoxSecretBytes);
  auto written = write_file_atomically(file, secrets.bytes(), FileAccess::OwnerOnly, IfExists::Replace);
  if (!written) return fail(written.error());
  return seal::head_office_key_of(pair);
}

BoxKeyringWatch::FileState BoxKeyringWatch::state_of(const fs::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) return {};
  return {static_cast<unsigned long long>(info.st_ino), static_cast<unsigned long long>(info.st_size),
          static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec};
}

Expected<std::unique_ptr<BoxKeyringWatch>, HqError> BoxKeyringWatch::open(const fs::path& file) {
  std::unique_ptr<BoxKeyringWatch> watch(new BoxKeyringWatch(file));
  watch->seen_ = state_of(file);
  auto keyring = load_box_keyring(file);
  if (!keyring) return fail(keyring.error());
  watch->keyring_ = std::make_shared<const seal::BoxKeyring>(std::move(*keyring));
  return watch;
}

std::shared_ptr<const seal::BoxKeyring> BoxKeyringWatch::current() {
  const FileState now = state_of(file_);
  std::lock_guard lock(mutex_);
  if (now != seen_) {
    auto keyring = load_box_keyring(file_);
    if (keyring) {
      keyring_ = std::make_shared<const seal::BoxKeyring>(std::move(*keyring));
      seen_ = now;
    }
  }
  return keyring_;
}

}  // namespace kiosk::hq
