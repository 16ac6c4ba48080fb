#include "kiosk/store/kiosk_keys.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <vector>

namespace kiosk::store {
namespace {

namespace fs = std::filesystem;

StoreError key_error(const fs::path& file, const std::string& what) {
  return {StoreErrc::KeyFile, file.string() + ": " + what};
}

bool write_all(int fd, const unsigned char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

void fsync_directory(const fs::path& file) {
  const int dir =
      ::open(file.parent_path().empty() ? "." : file.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

// Writes the key into an unnamed file (O_TMPFILE), fsyncs it, then gives it its name with
// linkat(): a kill at any point leaves either no file or the whole key, and never a stray copy
// of a secret. linkat() fails if another process got there first, and then that key wins.
Status<StoreError> publish(const fs::path& file, const unsigned char* data, std::size_t size) {
  const fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  const int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) return fail(key_error(file, std::string("cannot create: ") + std::strerror(errno)));
  const bool written = write_all(fd, data, size) && ::fsync(fd) == 0;
  const std::string self = "/proc/self/fd/" + std::to_string(fd);
  const bool linked =
      written &&
      (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, file.c_str(), AT_SYMLINK_FOLLOW) == 0 || errno == EEXIST);
  const std::string reason = std::strerror(errno);
  ::close(fd);
  if (!linked) return fail(key_error(file, reason));
  fsync_directory(file);
  return Ok{};
}

// Empty when the file does not exist.
Expected<std::vector<unsigned char>, StoreError> read_key(const fs::path& file, std::size_t size) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::vector<unsigned char>{};
    return fail(key_error(file, std::strerror(errno)));
  }
  std::vector<unsigned char> bytes(size + 1);
  const ssize_t got = ::read(fd, bytes.data(), bytes.size());
  ::close(fd);
  if (got != static_cast<ssize_t>(size)) {
    return fail(key_error(file, "expected " + std::to_string(size) + " bytes"));
  }
  bytes.resize(size);
  return bytes;
}

template <std::size_t N, class Make>
Expected<std::vector<unsigned char>, StoreError> load_or_create(const fs::path& file, Make make) {
  auto existing = read_key(file, N);
  if (!existing || !existing->empty()) return existing;
  std::vector<unsigned char> fresh = make();
  auto published = publish(file, fresh.data(), fresh.size());
  sodium_memzero(fresh.data(), fresh.size());
  if (!published) return fail(published.error());
  return read_key(file, N);
}

std::vector<unsigned char> random_bytes(std::size_t size) {
  std::vector<unsigned char> bytes(size);
  randombytes_buf(bytes.data(), bytes.size());
  return bytes;
}

}  // namespace

KeyFiles key_files_for(const fs::path& database) {
  auto beside = [&](const char* suffix) {
    fs::path file = database;
    file += suffix;
    return file;
  };
  return {beside(".signing.key"), beside(".client-hash.key"), beside(".hq.pub"), beside(".hq-demo.key")};
}

Expected<KioskKeys, StoreError> load_or_create_kiosk_keys(const fs::path& database) {
  if (sodium_init() < 0) return fail(StoreError{StoreErrc::Internal, "libsodium failed to initialize"});
  const KeyFiles files = key_files_for(database);
  KioskKeys keys;

  auto signing = load_or_create<64>(files.signing, [] {
    auto pair = seal::generate_signing_key_pair();
    return std::vector<unsigned char>(pair.secret.data(), pair.secret.data() + pair.secret.size());
  });
  if (!signing) return fail(signing.error());
  keys.signing = seal::signing_key_pair_from_secret(std::span<const unsigned char, 64>(signing->data(), 64));
  sodium_memzero(signing->data(), signing->size());

  auto client = load_or_create<32>(files.client_hash, [] { return random_bytes(32); });
  if (!client) return fail(client.error());
  std::memcpy(keys.client_hash_secret.data(), client->data(), 32);
  sodium_memzero(client->data(), client->size());

  auto head_office = read_key(files.head_office_public, 32);
  if (!head_office) return fail(head_office.error());
  if (head_office->empty()) {
    // Not enrolled: a demo head office stands in. Its secret first, so a kill between the two
    // writes leaves a secret without a public key (recomputed below), never the reverse.
    auto demo = load_or_create<32>(files.demo_head_office_secret, [] {
      auto pair = seal::generate_box_key_pair();
      return std::vector<unsigned char>(pair.secret.data(), pair.secret.data() + 32);
    });
    if (!demo) return fail(demo.error());
    auto pair = seal::box_key_pair_from_secret(std::span<const unsigned char, 32>(demo->data(), 32));
    sodium_memzero(demo->data(), demo->size());
    auto published = publish(files.head_office_public, pair.public_key.data(), pair.public_key.size());
    if (!published) return fail(published.error());
    head_office = read_key(files.head_office_public, 32);
    if (!head_office) return fail(head_office.error());
  }
  std::memcpy(keys.head_office.public_key.data(), head_office->data(), 32);
  keys.head_office.id = seal::key_id_of(keys.head_office.public_key);
  return keys;
}

Expected<seal::BoxKeyPair, StoreError> load_demo_head_office(const fs::path& database) {
  const fs::path file = key_files_for(database).demo_head_office_secret;
  auto secret = read_key(file, 32);
  if (!secret) return fail(secret.error());
  if (secret->empty()) return fail(key_error(file, "no demo head office key (an enrolled kiosk has none)"));
  auto pair = seal::box_key_pair_from_secret(std::span<const unsigned char, 32>(secret->data(), 32));
  sodium_memzero(secret->data(), secret->size());
  return pair;
}

}  // namespace kiosk::store
