#include "kiosk/store/kiosk_keys.hpp"

#include <sodium.h>

#include <cstring>
#include <vector>

#include "kiosk/protocol/certificate_pin.hpp"
#include "kiosk/store/key_file.hpp"

namespace kiosk::store {
namespace {

namespace fs = std::filesystem;

// A PEM certificate is a few kilobytes; the limit only stops a wrong file from being slurped.
constexpr std::size_t kMaxCertificateBytes = 64 * 1024;

fs::path beside(const fs::path& database, const char* suffix) {
  fs::path file = database;
  file += suffix;
  return file;
}

struct Wiped {
  std::vector<unsigned char> bytes;
  ~Wiped() { sodium_memzero(bytes.data(), bytes.size()); }
};

Status<StoreError> create_if_missing(const fs::path& file, std::span<const unsigned char> fresh) {
  if (key_file_exists(file)) return Ok{};
  auto written = write_new_key_file(file, fresh);
  // Another process may have written it between the look and the write: its key wins.
  if (!written && key_file_exists(file)) return Ok{};
  return written;
}

Expected<seal::SigningKeyPair, StoreError> read_signing_key(const fs::path& file) {
  auto bytes = read_key_file(file, 64);
  if (!bytes) return fail(bytes.error());
  Wiped secret{std::move(*bytes)};
  return seal::signing_key_pair_from_secret(std::span<const unsigned char, 64>(secret.bytes.data(), 64));
}

Status<StoreError> create_demo_keys(const KeyFiles& files) {
  const auto signing = seal::generate_signing_key_pair();
  if (auto made = create_if_missing(files.signing, signing.secret.bytes()); !made) return made;
  seal::SecretKey<32> client_hash;
  randombytes_buf(client_hash.data(), client_hash.size());
  if (auto made = create_if_missing(files.client_hash, client_hash.bytes()); !made) return made;
  if (key_file_exists(files.head_office_box)) return Ok{};
  // No head office: a demo one stands in. Its secret first, so a kill between the two writes
  // leaves a secret whose public half is recomputed next time, never the reverse.
  const auto demo = seal::generate_box_key_pair();
  if (auto made = create_if_missing(files.demo_head_office_secret, demo.secret.bytes()); !made) return made;
  auto secret = read_key_file(files.demo_head_office_secret, 32);
  if (!secret) return fail(secret.error());
  Wiped held{std::move(*secret)};
  const auto pair = seal::box_key_pair_from_secret(std::span<const unsigned char, 32>(held.bytes.data(), 32));
  return write_new_key_file(files.head_office_box, pair.public_key);
}

Expected<HeadOfficeTrust, StoreError> read_trust(const KeyFiles& files) {
  HeadOfficeTrust trust;
  auto identity = read_key_file(files.head_office_identity, 32);
  if (!identity) return fail(identity.error());
  std::memcpy(trust.identity.data(), identity->data(), 32);
  auto pem = read_key_file(files.head_office_certificate, 0, kMaxCertificateBytes);
  if (!pem) return fail(pem.error());
  trust.certificate_pem.assign(pem->begin(), pem->end());
  auto spki = protocol::spki_digest_of_certificate(trust.certificate_pem);
  if (!spki) return fail(key_file_error(files.head_office_certificate, KeyFileProblem::NotACertificate));
  trust.certificate_spki = *spki;
  return trust;
}

}  // namespace

std::string_view to_string(KeyMode mode) {
  return mode == KeyMode::Enrolled ? "enrolled" : "demo";
}

KeyFiles key_files_for(const fs::path& database, const KeyPolicy& policy) {
  auto chosen = [&](const fs::path& configured, const char* suffix) {
    return configured.empty() ? beside(database, suffix) : configured;
  };
  const bool enrolled = policy.mode == KeyMode::Enrolled;
  return {beside(database, ".signing.key"),
          beside(database, ".client-hash.key"),
          enrolled ? chosen(policy.head_office.box_key, ".hq.pub") : beside(database, ".hq.pub"),
          enrolled ? chosen(policy.head_office.identity_key, ".hq-identity.pub") : fs::path(),
          enrolled ? chosen(policy.head_office.certificate, ".hq.crt") : fs::path(),
          enrolled ? fs::path() : beside(database, ".hq-demo.key")};
}

KeyFingerprints fingerprints_of(const KioskKeys& keys) {
  KeyFingerprints out;
  out.kiosk_signing = seal::fingerprint(keys.signing.public_key);
  const seal::Hash32 check = seal::hash_parts("client-hash-key-check/1", {}, keys.client_hash_secret.bytes());
  out.client_hash_check = seal::to_hex(std::span(check.data(), 16));
  out.head_office_box_key_id = seal::to_hex(keys.head_office.id);
  if (keys.trust) {
    out.head_office_identity = seal::fingerprint(keys.trust->identity);
    out.certificate_spki = seal::to_hex(keys.trust->certificate_spki);
  }
  return out;
}

Expected<seal::HeadOfficeBoxKey, StoreError> read_head_office_box_key(const fs::path& file) {
  auto bytes = read_key_file(file, 32);
  if (!bytes) return fail(bytes.error());
  seal::HeadOfficeBoxKey key;
  std::memcpy(key.public_key.data(), bytes->data(), 32);
  key.id = seal::key_id_of(key.public_key);
  return key;
}

Expected<KioskKeys, StoreError> load_kiosk_keys(const fs::path& database, const KeyPolicy& policy,
                                                bool may_create) {
  if (sodium_init() < 0) return fail(StoreError{StoreErrc::Internal, "libsodium failed to initialize"});
  const KeyFiles files = key_files_for(database, policy);
  if (may_create && policy.mode == KeyMode::Demo) {
    if (auto made = create_demo_keys(files); !made) return fail(made.error());
  }
  KioskKeys keys;
  keys.mode = policy.mode;
  auto signing = read_signing_key(files.signing);
  if (!signing) return fail(signing.error());
  keys.signing = std::move(*signing);
  auto client = read_key_file(files.client_hash, 32);
  if (!client) return fail(client.error());
  Wiped client_secret{std::move(*client)};
  std::memcpy(keys.client_hash_secret.data(), client_secret.bytes.data(), 32);
  auto box = read_head_office_box_key(files.head_office_box);
  if (!box) return fail(box.error());
  keys.head_office = *box;
  if (policy.mode == KeyMode::Enrolled) {
    auto trust = read_trust(files);
    if (!trust) return fail(trust.error());
    keys.trust = std::move(*trust);
  }
  return keys;
}

Expected<seal::BoxKeyPair, StoreError> load_demo_head_office(const fs::path& database) {
  const fs::path file = key_files_for(database).demo_head_office_secret;
  auto secret = read_key_file(file, 32);
  if (!secret) return fail(secret.error());
  Wiped held{std::move(*secret)};
  return seal::box_key_pair_from_secret(std::span<const unsigned char, 32>(held.bytes.data(), 32));
}

KioskSecrets generate_kiosk_secrets() {
  KioskSecrets secrets;
  secrets.signing = seal::generate_signing_key_pair();
  randombytes_buf(secrets.client_hash_secret.data(), secrets.client_hash_secret.size());
  return secrets;
}

Status<StoreError> write_enrolled_keys(const fs::path& database, const HeadOfficeKeyFiles& head_office,
                                       const KioskSecrets& secrets, const HeadOfficeGrant& grant) {
  const KeyFiles files = key_files_for(database, {KeyMode::Enrolled, head_office});
  for (const fs::path& file : {files.signing, files.client_hash, files.head_office_box,
                               files.head_office_identity, files.head_office_certificate}) {
    if (key_file_exists(file)) return fail(key_file_error(file, KeyFileProblem::Exists));
  }
  struct Content {
    const fs::path& file;
    std::span<const unsigned char> bytes;
  };
  const Content contents[] = {{files.signing, secrets.signing.secret.bytes()},
                              {files.client_hash, secrets.client_hash_secret.bytes()},
                              {files.head_office_box, grant.box_key.public_key},
                              {files.head_office_identity, grant.identity},
                              {files.head_office_certificate, seal::bytes_of(grant.certificate_pem)}};
  for (const Content& content : contents) {
    if (auto written = write_new_key_file(content.file, content.bytes); !written) return written;
  }
  return Ok{};
}

}  // namespace kiosk::store
