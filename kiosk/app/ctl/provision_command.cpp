// kioskctl provision: enrolls this kiosk with head office (sync/PROTOCOL.md, "Enrollment") and
// writes its config, keys and database. The kiosk's keys are made here and never leave it; the
// token is proved, never sent.
#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "ctl_command.hpp"
#include "kiosk/app/config_options.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/receipt/receipt_time.hpp"
#include "kiosk/store/key_file.hpp"
#include "kiosk/sync/kiosk_enrollment.hpp"
#include "store_access.hpp"

namespace kiosk::ctl {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "provision --config FILE --hq-url URL --token TOKEN [--kiosk-id ID] [--store-name NAME] [--time-zone "
    "ZONE]";
constexpr auto kEnrollTimeout = std::chrono::seconds{15};
constexpr const char* kDatabaseName = "kiosk.db";

// What a kiosk id may be (head office's rule): letters, digits, '.', '_' and '-'.
bool valid_kiosk_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

std::string host_name() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0) return {};
  return name.data();
}

// A TOML basic string.
std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

struct EnrolledFiles {
  fs::path database;
  store::HeadOfficeKeyFiles head_office;
};

EnrolledFiles files_beside(const fs::path& config) {
  const fs::path folder = config.parent_path().empty() ? fs::path(".") : config.parent_path();
  const fs::path database = folder / kDatabaseName;
  auto beside = [&](const char* suffix) {
    fs::path file = database;
    file += suffix;
    return file;
  };
  return {database, {beside(".hq.pub"), beside(".hq-identity.pub"), beside(".hq.crt")}};
}

struct KioskNaming {
  std::string kiosk_id;
  std::string store_name;
  std::string time_zone;
};

std::string config_text(const KioskNaming& naming, const std::string& url, const EnrolledFiles& files,
                        const Clock& clock) {
  auto name = [](const fs::path& path) { return toml_string(path.filename().string()); };
  return "# Written by `kioskctl provision` at " + consent::format_utc(clock.now()) +
         ": this kiosk is enrolled with head office.\n"
         "# Every key is described in config/README.md; the files named here sit beside this one.\n\n"
         "[kiosk]\nid = " +
         toml_string(naming.kiosk_id) + "\nstore_name = " + toml_string(naming.store_name) +
         "\ntime_zone = " + toml_string(naming.time_zone) +
         "\n\n[storage]\ndatabase = " + name(files.database) +
         "\n\n[head_office]\nurl = " + toml_string(url) +
         "\ncertificate = " + name(files.head_office.certificate) +
         "\nidentity_key = " + name(files.head_office.identity_key) +
         "\nbox_key = " + name(files.head_office.box_key) + "\n";
}

// Whole or nothing, and never over an existing file.
bool write_new_file(const fs::path& file, const std::string& text, std::string& error) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  const bool written =
      ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  error = std::strerror(errno);
  ::close(fd);
  if (!written) ::unlink(file.c_str());
  return written;
}

ExitCode refused_enrollment(CtlContext& context, const sync::EnrollError& error,
                            const std::string& kiosk_id) {
  if (error.code == sync::EnrollErrc::Refused) {
    std::string hint = "head office refused: " + error.head_office_code;
    if (error.head_office_code == "proof-mismatch") {
      hint += " (a wrong token, another kiosk id than " + kiosk_id +
              ", or a server in the middle showing another certificate)";
    } else {
      hint += ": ask head office for a new token";
    }
    return print_error(context, ExitCode::BadInput, error.head_office_code, hint);
  }
  return print_error(context, ExitCode::BadInput, to_string(error.code), error.detail);
}

}  // namespace

ExitCode run_provision(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(
      args, {"--config", "--hq-url", "--token", "--kiosk-id", "--store-name", "--time-zone"}, {});
  if (!line) return print_error(context, ExitCode::BadInput, "usage", line.error().message);
  if (!line->option("--config") || !line->option("--hq-url") || !line->option("--token")) {
    return print_error(context, ExitCode::BadInput, "usage", kUsage);
  }
  const fs::path config_file = *line->option("--config");
  std::string url = *line->option("--hq-url");
  while (url.ends_with('/')) url.pop_back();
  const std::string kiosk_id = line->option("--kiosk-id").value_or(host_name());
  const std::string store_name = line->option("--store-name").value_or("");
  const std::string time_zone = line->option("--time-zone").value_or("UTC");
  if (!receipt::is_known_time_zone(time_zone)) {
    return print_error(context, ExitCode::BadInput, "usage",
                       "--time-zone must be an IANA zone name this system knows, e.g. America/Toronto");
  }
  std::error_code ec;
  if (fs::exists(config_file, ec)) {
    return print_error(context, ExitCode::BadInput, "config-exists",
                       config_file.string() + " exists: provisioning never overwrites a kiosk's config");
  }
  if (!url.starts_with("https://") || url.find_first_of("\"\\ ") != std::string::npos) {
    return print_error(context, ExitCode::BadInput, "usage", "--hq-url must be an https:// URL");
  }
  if (!valid_kiosk_id(kiosk_id)) {
    return print_error(
        context, ExitCode::BadInput, "usage",
        "the kiosk id (--kiosk-id, else the host name) must be 1-128 letters, digits, '.', '_' or '-'");
  }
  auto token = protocol::EnrollmentToken::parse(*line->option("--token"));
  if (!token)
    return print_error(context, ExitCode::BadInput, "bad-token", "the token is not one head office issued");

  const EnrolledFiles files = files_beside(config_file);
  fs::create_directories(files.database.parent_path(), ec);
  for (const fs::path& file : {files.database, store::key_files_for(files.database).signing,
                               store::key_files_for(files.database).client_hash, files.head_office.box_key,
                               files.head_office.identity_key, files.head_office.certificate}) {
    if (fs::exists(file, ec)) {
      return print_error(
          context, ExitCode::BadInput, "already-provisioned",
          file.string() + " exists: a kiosk's keys and records are never replaced by provisioning");
    }
  }

  const store::KioskSecrets secrets = store::generate_kiosk_secrets();
  auto enrolled =
      sync::enroll_with_head_office(url, kiosk_id, *token, secrets.signing.public_key, kEnrollTimeout);
  if (!enrolled) return refused_enrollment(context, enrolled.error(), kiosk_id);
  const protocol::EnrollGrant& grant = enrolled->grant;
  auto written = store::write_enrolled_keys(
      files.database, files.head_office, secrets,
      {grant.box_keys.back(), grant.head_office_signing_key, grant.certificate_pem});
  if (!written) return print_store_error(context, written.error());

  // The database records the fingerprints of the keys just written: from now on no other key
  // will do.
  store::StoreOptions options;
  options.database = files.database;
  options.kiosk_id = kiosk_id;
  options.keys = {store::KeyMode::Enrolled, files.head_office};
  auto opened = store::open_kiosk_store(options, context.clock, context.logger);
  if (!opened) return print_store_error(context, opened.error());
  const store::KeyFingerprints prints = store::fingerprints_of(opened->keys);

  std::string error;
  if (!write_new_file(config_file, config_text({kiosk_id, store_name, time_zone}, url, files, context.clock),
                      error)) {
    return print_error(context, ExitCode::InternalError, "config-unwritable",
                       config_file.string() + ": " + error);
  }
  auto check = load_kiosk_config(config_file);
  if (!check || !check->enrolled()) {
    return print_error(context, ExitCode::InternalError, "config-unreadable",
                       check ? "written config is not enrolled" : check.error().message());
  }
  print_json(context, {{"ok", true},
                       {"kiosk_id", kiosk_id},
                       {"config", config_file.string()},
                       {"database", files.database.string()},
                       {"head_office_url", url},
                       {"fingerprints",
                        {{"kiosk_signing", prints.kiosk_signing},
                         {"hq_identity", prints.head_office_identity},
                         {"hq_box_key_id", prints.head_office_box_key_id},
                         {"hq_certificate_spki", prints.certificate_spki}}}});
  return ExitCode::Ok;
}

}  // namespace kiosk::ctl
