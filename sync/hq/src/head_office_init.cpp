#include "kiosk/hq/head_office_init.hpp"

#include <sodium.h>

#include <system_error>
#include <vector>

#include "kiosk/hq/head_office_keys.hpp"
#include "kiosk/hq/head_office_storage.hpp"
#include "kiosk/hq/secret_file.hpp"
#include "kiosk/hq/tls_certificate.hpp"
#include "kiosk/protocol/certificate_pin.hpp"
#include "kiosk/seal/keys.hpp"
#include "kiosk/seal/signature.hpp"

namespace kiosk::hq {
namespace {

namespace fs = std::filesystem;

// Removes what a failed init wrote, so that the next attempt does not find half a head office.
class WrittenFiles {
 public:
  ~WrittenFiles() {
    if (kept_) return;
    for (const fs::path& file : files_) {
      std::error_code ignored;
      fs::remove(file, ignored);
    }
  }
  void add(fs::path file) { files_.push_back(std::move(file)); }
  void keep() { kept_ = true; }

 private:
  std::vector<fs::path> files_;
  bool kept_ = false;
};

Status<HqError> write_secret(WrittenFiles& written, const fs::path& file,
                             std::span<const unsigned char> bytes) {
  auto done = write_file_atomically(file, bytes, FileAccess::OwnerOnly, IfExists::Refuse);
  if (done) written.add(file);
  return done;
}

}  // namespace

Expected<InitReport, HqError> init_head_office(const InitOptions& options, const Clock& clock) {
  namespace names = file_names;
  if (sodium_init() < 0) return fail(HqError{HqErrc::Internal, "libsodium failed to initialize"});
  std::error_code error;
  fs::create_directories(options.dir, error);
  if (error) return fail(HqError{HqErrc::BadInput, options.dir.string() + ": " + error.message()});
  fs::permissions(options.dir, fs::perms::owner_all, fs::perm_options::replace, error);

  const bool sqlite = options.database.empty();
  std::vector<std::string_view> ours = {names::kConfig,      names::kCertificate, names::kTlsKey,
                                        names::kIdentityKey, names::kBoxKeys,     names::kClientHashKey,
                                        names::kAdminToken};
  if (sqlite) ours.push_back(names::kSqliteDatabase);
  for (std::string_view name : ours) {
    if (fs::exists(options.dir / name)) {
      return fail(HqError{HqErrc::AlreadyExists, (options.dir / name).string() +
                                                     " exists: this folder already holds a head office"});
    }
  }
  if (!sqlite && !is_postgresql_url(options.database)) {
    return fail(
        HqError{HqErrc::BadInput, "--database takes a postgresql:// URL (without it: SQLite in the folder)"});
  }

  WrittenFiles written;
  const std::string database = sqlite ? (options.dir / names::kSqliteDatabase).string() : options.database;
  StorageOptions storage{database, 1, 5000};
  if (auto created = create_storage(storage); !created) return fail(created.error());
  if (sqlite) written.add(database);

  const seal::SigningKeyPair identity = seal::generate_signing_key_pair();
  if (auto done = write_secret(written, options.dir / names::kIdentityKey, identity.secret.bytes()); !done) {
    return fail(done.error());
  }
  auto box_key = create_box_keyring(options.dir / names::kBoxKeys);
  if (!box_key) return fail(box_key.error());
  written.add(options.dir / names::kBoxKeys);

  seal::SecretKey<32> client_hash;
  randombytes_buf(client_hash.data(), client_hash.size());
  if (auto done = write_secret(written, options.dir / names::kClientHashKey, client_hash.bytes()); !done) {
    return fail(done.error());
  }
  seal::SecretKey<32> admin_bytes;
  randombytes_buf(admin_bytes.data(), admin_bytes.size());
  std::string admin_token = seal::to_hex(admin_bytes.bytes()) + "\n";
  auto admin_written = write_secret(written, options.dir / names::kAdminToken, seal::bytes_of(admin_token));
  seal::wipe_bytes(admin_token.data(), admin_token.size());
  if (!admin_written) return fail(admin_written.error());

  auto tls = make_self_signed_certificate(options.listen.host, options.listen.host_is_ip(), clock);
  if (!tls) return fail(tls.error());
  auto key_written =
      write_secret(written, options.dir / names::kTlsKey, seal::bytes_of(tls->private_key_pem));
  seal::wipe_bytes(tls->private_key_pem.data(), tls->private_key_pem.size());
  if (!key_written) return fail(key_written.error());
  auto certificate_written =
      write_file_atomically(options.dir / names::kCertificate, seal::bytes_of(tls->certificate_pem),
                            FileAccess::Public, IfExists::Refuse);
  if (!certificate_written) return fail(certificate_written.error());
  written.add(options.dir / names::kCertificate);

  // Last, and owner-only: a PostgreSQL URL may carry a password. Its presence marks a complete
  // head office.
  const std::string config =
      initial_config_text({options.listen, sqlite ? std::string(names::kSqliteDatabase) : options.database});
  if (auto done = write_secret(written, options.dir / names::kConfig, seal::bytes_of(config)); !done) {
    return fail(done.error());
  }
  written.keep();

  auto spki = protocol::spki_digest_of_certificate(tls->certificate_pem);
  if (!spki) return fail(HqError{HqErrc::Tls, "the new certificate does not parse"});
  return InitReport{options.dir / names::kConfig,     options.listen.text(),
                    sqlite ? "sqlite" : "postgresql", seal::to_hex(identity.public_key),
                    seal::to_hex(box_key->id),        protocol::curl_pinned_public_key(*spki)};
}

}  // namespace kiosk::hq
