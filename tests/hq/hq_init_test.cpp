#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "hq_backends.hpp"
#include "kiosk/hq/head_office.hpp"
#include "kiosk/hq/head_office_init.hpp"
#include "kiosk/hq/head_office_keys.hpp"

using namespace kiosk;
using namespace kiosk::hq;

namespace {

unsigned mode_of(const std::filesystem::path& file) {
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The subjectAltName entries of a PEM certificate, as "IP:..." or "DNS:...".
std::vector<std::string> alt_names(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  REQUIRE(certificate != nullptr);
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
  std::vector<std::string> out;
  for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type == GEN_DNS) {
      out.push_back("DNS:" +
                    std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(name->d.dNSName))));
    } else if (name->type == GEN_IPADD) {
      const unsigned char* ip = ASN1_STRING_get0_data(name->d.iPAddress);
      if (ASN1_STRING_length(name->d.iPAddress) == 4) {
        out.push_back("IP:" + std::to_string(ip[0]) + "." + std::to_string(ip[1]) + "." +
                      std::to_string(ip[2]) + "." + std::to_string(ip[3]));
      }
    }
  }
  GENERAL_NAMES_free(names);
  X509_free(certificate);
  return out;
}

InitOptions init_options(std::filesystem::path dir, ListenAddress listen = {"127.0.0.1", 8443},
                         std::string database = {}) {
  InitOptions options;
  options.dir = std::move(dir);
  options.listen = std::move(listen);
  options.database = std::move(database);
  return options;
}

}  // namespace

TEST_CASE(
    "init writes every secret owner-only, a certificate for the listen address, and a loadable hq.toml") {
  ScratchDir scratch;
  SystemClock clock;
  const InitOptions options = init_options(scratch / "hq", {"127.0.0.1", 9443});
  auto report = init_head_office(options, clock);
  REQUIRE(report.has_value());
  CHECK(report->backend == "sqlite");
  CHECK(report->certificate_pin.starts_with("sha256//"));

  for (auto name :
       {file_names::kTlsKey, file_names::kIdentityKey, file_names::kBoxKeys, file_names::kClientHashKey,
        file_names::kAdminToken, file_names::kConfig, file_names::kSqliteDatabase}) {
    INFO(name);
    CHECK(mode_of(options.dir / name) == 0600);
  }
  CHECK(mode_of(options.dir / file_names::kCertificate) == 0644);
  CHECK(mode_of(options.dir) == 0700);
  CHECK(std::filesystem::file_size(options.dir / file_names::kIdentityKey) == 64);
  CHECK(std::filesystem::file_size(options.dir / file_names::kBoxKeys) == 32);
  // No temporary file left beside them.
  for (const auto& entry : std::filesystem::directory_iterator(options.dir)) {
    CHECK(entry.path().filename().string().front() != '.');
  }

  CHECK(alt_names(read_all(options.dir / file_names::kCertificate)) ==
        std::vector<std::string>{"IP:127.0.0.1"});

  auto config = load_hq_config(report->config_file);
  REQUIRE(config.has_value());
  CHECK(config->listen.text() == "127.0.0.1:9443");
  MemoryLogger logger;
  auto head_office = HeadOffice::open(*config, clock, logger);
  REQUIRE(head_office.has_value());
  CHECK(seal::to_hex((*head_office)->secrets().identity.public_key) == report->identity_public_key);
  CHECK(seal::to_hex(seal::key_id_of((*head_office)->box_keys().current()->newest().public_key)) ==
        report->box_key_id);
  CHECK(protocol::curl_pinned_public_key((*head_office)->spki()) == report->certificate_pin);
}

TEST_CASE("init for a host name puts it in the certificate as a DNS name") {
  ScratchDir scratch;
  SystemClock clock;
  const InitOptions options = init_options(scratch / "hq", {"hq.example.ca", 443});
  REQUIRE(init_head_office(options, clock).has_value());
  CHECK(alt_names(read_all(options.dir / file_names::kCertificate)) ==
        std::vector<std::string>{"DNS:hq.example.ca"});
}

TEST_CASE("init never overwrites a head office, not even one file of it") {
  ScratchDir scratch;
  SystemClock clock;
  const InitOptions options = init_options(scratch / "hq");
  REQUIRE(init_head_office(options, clock).has_value());
  const std::string identity = read_all(options.dir / file_names::kIdentityKey);
  const std::string config = read_all(options.dir / file_names::kConfig);

  auto again = init_head_office(options, clock);
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error().code == HqErrc::AlreadyExists);
  CHECK(read_all(options.dir / file_names::kIdentityKey) == identity);
  CHECK(read_all(options.dir / file_names::kConfig) == config);

  // A folder holding only a stray box-key file (an earlier, interrupted init) is refused too, and
  // left as it was.
  const InitOptions partial = init_options(scratch / "partial");
  std::filesystem::create_directories(partial.dir);
  std::ofstream(partial.dir / file_names::kBoxKeys) << "old";
  auto refused = init_head_office(partial, clock);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == HqErrc::AlreadyExists);
  CHECK(refused.error().detail.find(std::string(file_names::kBoxKeys)) != std::string::npos);
  CHECK(read_all(partial.dir / file_names::kBoxKeys) == "old");
  CHECK_FALSE(std::filesystem::exists(partial.dir / file_names::kConfig));
}

TEST_CASE("a secret file others may read is refused, naming the file") {
  ScratchDir scratch;
  SystemClock clock;
  const InitOptions options = init_options(scratch / "hq");
  REQUIRE(init_head_office(options, clock).has_value());
  auto config = load_hq_config(options.dir / file_names::kConfig);
  REQUIRE(config.has_value());
  std::filesystem::permissions(config->identity_key, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  MemoryLogger logger;
  auto head_office = HeadOffice::open(*config, clock, logger);
  REQUIRE_FALSE(head_office.has_value());
  CHECK(head_office.error().code == HqErrc::KeyFile);
  CHECK(head_office.error().detail.find(std::string(file_names::kIdentityKey)) != std::string::npos);
}

TEST_CASE("rotating adds a newest box key and keeps the old ones") {
  ScratchDir scratch;
  SystemClock clock;
  const InitOptions options = init_options(scratch / "hq");
  REQUIRE(init_head_office(options, clock).has_value());
  const auto file = options.dir / file_names::kBoxKeys;
  auto before = load_box_keyring(file);
  REQUIRE(before.has_value());
  auto added = add_box_key(file);
  REQUIRE(added.has_value());
  auto after = load_box_keyring(file);
  REQUIRE(after.has_value());
  REQUIRE(after->keys().size() == 2);
  CHECK(seal::head_office_key_of(after->newest()) == *added);
  CHECK(after->keys()[0].public_key == before->newest().public_key);
  CHECK(mode_of(file) == 0600);
}

TEMPLATE_TEST_CASE("init creates the schema in a PostgreSQL database, and refuses one that has it", "[hq]",
                   OnPostgres) {
  testing::ScratchPostgresDatabase database;
  ScratchDir scratch;
  SystemClock clock;
  const InitOptions options = init_options(scratch / "hq", {"127.0.0.1", 8443}, database.url());
  auto report = init_head_office(options, clock);
  REQUIRE(report.has_value());
  CHECK(report->backend == "postgresql");
  CHECK_FALSE(std::filesystem::exists(options.dir / file_names::kSqliteDatabase));
  auto config = load_hq_config(report->config_file);
  REQUIRE(config.has_value());
  CHECK(config->database == database.url());
  auto storage = open_storage(storage_options_of(*config));
  REQUIRE(storage.has_value());
  CHECK((*storage)->counts()->records == 0);

  InitOptions second = options;
  second.dir = scratch / "second";
  auto refused = init_head_office(second, clock);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == HqErrc::AlreadyExists);
  // Nothing of the refused head office was left behind.
  CHECK_FALSE(std::filesystem::exists(second.dir / file_names::kIdentityKey));
}
