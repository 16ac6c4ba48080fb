#include "kiosk_selftest.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>

#include "kiosk/app/config_options.hpp"
#include "kiosk/app/staff_diagnostics.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/core/identity/aamva_parser.hpp"
#include "kiosk/drivers/decode/image_file.hpp"
#include "kiosk/drivers/decode/pdf417_decoder.hpp"
#include "kiosk/protocol/certificate_pin.hpp"
#include "kiosk/protocol/messages.hpp"
#include "kiosk/selftest/bundled_samples.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/recorded_keys.hpp"
#include "kiosk/sync/curl_https_transport.hpp"

namespace kiosk::ctl {
namespace {

namespace fs = std::filesystem;
using Checks = std::vector<SelftestCheck>;

constexpr const char* kReinstall = "reinstall the consent-kiosk package: this build cannot read ID cards";

void passed(Checks& checks, std::string name, std::string detail) {
  checks.push_back({std::move(name), CheckOutcome::Ok, std::move(detail), {}});
}
void failed(Checks& checks, std::string name, std::string detail, std::string remedy) {
  checks.push_back({std::move(name), CheckOutcome::Failed, std::move(detail), std::move(remedy)});
}
void not_configured(Checks& checks, std::string name, std::string detail) {
  checks.push_back({std::move(name), CheckOutcome::NotConfigured, std::move(detail), {}});
}

std::chrono::year_month_day today(const Clock& clock) {
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(clock.now()));
}

void check_sample_payloads(Checks& checks, const Clock& clock) {
  const auto samples = selftest::bundled_payloads();
  std::string refused;
  for (const auto& sample : samples) {
    auto document = identity::parse_aamva(sample.bytes, today(clock));
    if (!document)
      refused += std::string(refused.empty() ? "" : "; ") + std::string(sample.name) + ": " +
                 document.error().detail;
  }
  if (refused.empty()) {
    passed(checks, "sample-payloads", std::to_string(samples.size()) + " sample ID payloads parsed");
  } else {
    failed(checks, "sample-payloads", "the parser refused " + refused, kReinstall);
  }
}

void check_barcode_image(Checks& checks) {
  auto image = drivers::decode_gray_image(selftest::bundled_barcode_png(), "bundled sample barcode");
  if (!image) {
    return failed(checks, "barcode-image", "the sample picture did not load: " + image.error().message(),
                  kReinstall);
  }
  auto decoded = drivers::decode_pdf417(image->view());
  const auto expected = selftest::bundled_payloads().front().bytes;
  if (!decoded)
    return failed(checks, "barcode-image", "no PDF417 barcode read in the sample picture", kReinstall);
  if (!std::equal(decoded->payload.begin(), decoded->payload.end(), expected.begin(), expected.end())) {
    return failed(checks, "barcode-image", "the sample barcode decoded to other bytes than it carries",
                  kReinstall);
  }
  passed(checks, "barcode-image",
         "sample PDF417 picture decoded (" + std::to_string(decoded->payload.size()) + " bytes, step " +
             std::string(drivers::to_string(decoded->step)) + ")");
}

std::vector<fs::path> key_paths(const store::KeyFiles& files) {
  std::vector<fs::path> paths;
  for (const fs::path& path :
       {files.signing, files.client_hash, files.head_office_box, files.head_office_identity,
        files.head_office_certificate, files.demo_head_office_secret}) {
    if (!path.empty()) paths.push_back(path);
  }
  return paths;
}

void check_key_files(Checks& checks, const store::KeyFiles& files) {
  std::string problems;
  std::string fixes;
  auto problem = [&](const fs::path& path, const std::string& what, const std::string& fix) {
    problems += (problems.empty() ? "" : "; ") + path.string() + ": " + what;
    fixes += (fixes.empty() ? "" : "; ") + fix;
  };
  const auto paths = key_paths(files);
  for (const fs::path& path : paths) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
      problem(path, "missing", "the kiosk cannot record without it: re-enroll (kioskctl provision)");
      continue;
    }
    if (info.st_uid != ::geteuid()) {
      problem(path,
              "owned by uid " + std::to_string(info.st_uid) + ", not by this user (uid " +
                  std::to_string(::geteuid()) + ")",
              "chown the file to the kiosk's user");
    }
    if ((info.st_mode & 0777) != 0600) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 0777));
      problem(path, std::string("mode ") + mode + ", must be 0600",
              "chmod 600 " + path.string() + ", then find out who changed it");
    }
  }
  if (problems.empty()) {
    passed(checks, "key-files",
           std::to_string(paths.size()) + " key files present, mode 0600, owned by this user");
  } else {
    failed(checks, "key-files", problems, fixes);
  }
}

void check_recorded_keys(Checks& checks, store::SqliteDatabase& db, const store::StoreOptions& options) {
  const auto files = store::key_files_for(options.database, options.keys);
  auto keys = store::load_kiosk_keys(options.database, options.keys, false);
  if (!keys) {
    return failed(checks, "head-office-key",
                  "cannot compare: a key file is refused (" + keys.error().detail + ")",
                  "fix the key-files check first");
  }
  auto compared = store::compare_recorded_keys(db, options.database, *keys, files);
  if (!compared && compared.error().code != store::StoreErrc::KeyFile) {
    return failed(checks, "head-office-key",
                  "cannot compare: the database did not answer (" + compared.error().detail + ")",
                  "fix the database check first");
  }
  if (!compared) {
    return failed(checks, "head-office-key", compared.error().detail,
                  "the keys differ from those the database recorded at enrollment: restore the original "
                  "files, or call head office before re-enrolling this kiosk");
  }
  const store::KeyFingerprints prints = store::fingerprints_of(*keys);
  passed(checks, "head-office-key",
         options.keys.mode == store::KeyMode::Enrolled
             ? "head office's identity " + prints.head_office_identity + " matches the database's record"
             : "demo kiosk: its keys match the database's record");
}

std::optional<std::string> file_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Head office's health endpoint over the pinned HTTPS; its answer carries head office's clock.
void check_head_office(Checks& checks, const KioskConfig& config, const store::StoreOptions& options,
                       const SelftestLimits& limits, const Clock& clock) {
  if (!config.enrolled()) {
    not_configured(checks, "head-office", "demo kiosk: no head office to reach");
    return not_configured(checks, "clock", "demo kiosk: no head office clock to compare with");
  }
  const std::string clock_unknown = "head office's clock is unknown while it cannot be reached";
  const fs::path certificate = options.keys.head_office.certificate;
  auto pem = file_text(certificate);
  auto spki =
      pem ? protocol::spki_digest_of_certificate(*pem)
          : Expected<protocol::SpkiDigest, protocol::CertificateErrc>(fail(protocol::CertificateErrc{}));
  if (!spki) {
    failed(checks, "head-office", certificate.string() + ": head office's certificate is missing or damaged",
           "re-enroll the kiosk (kioskctl provision) to pin head office again");
    return failed(checks, "clock", clock_unknown, "fix the head-office check first");
  }
  store::HeadOfficeTrust trust;
  trust.certificate_pem = *pem;
  std::copy(spki->begin(), spki->end(), trust.certificate_spki.begin());
  sync::CurlHttpsTransport transport(sync::pinned_endpoint(
      config.head_office_url, trust, limits.head_office_timeout, limits.head_office_timeout));
  sync::HttpRequest request;
  request.method = "GET";
  request.path = std::string(protocol::kHealthPath);
  const auto asked = clock.now();
  auto answer = transport.send(request);
  if (!answer || answer->status != 200) {
    const std::string why =
        answer ? "answered HTTP " + std::to_string(answer->status)
               : std::string(sync::to_string(answer.error().code)) + ": " + answer.error().detail;
    const bool impostor = !answer && answer.error().code == sync::TransportErrc::CertificateMismatch;
    failed(checks, "head-office", config.head_office_url + std::string(protocol::kHealthPath) + " " + why,
           impostor ? "the server is not the head office this kiosk enrolled with: check the network's "
                      "proxies, then call head office"
                    : "check the store's network and firewall (HTTPS to " + config.head_office_url +
                          "), then that head office's service runs");
    return failed(checks, "clock", clock_unknown, "fix the head-office check first");
  }
  passed(checks, "head-office", config.head_office_url + " answered its health check over the pinned HTTPS");

  auto health = protocol::parse_health(answer->body);
  auto their_time = health ? consent::parse_utc(health->time) : std::nullopt;
  if (!their_time) {
    return failed(checks, "clock", "head office's health answer carries no readable time",
                  "update consent-hq at head office");
  }
  const auto answered = clock.now();
  const auto ours = asked + (answered - asked) / 2;
  const auto skew = std::chrono::round<std::chrono::seconds>(ours - *their_time);
  const std::string figure = "this kiosk's clock is " + std::to_string(std::chrono::abs(skew).count()) +
                             " s " + (skew.count() >= 0 ? "ahead of" : "behind") + " head office's";
  if (std::chrono::abs(skew) > limits.max_clock_skew) {
    return failed(
        checks, "clock", figure + " (at most " + std::to_string(limits.max_clock_skew.count()) + " s)",
        "turn on time synchronisation (timedatectl set-ntp true) and check its NTP server is reachable");
  }
  passed(checks, "clock", figure);
}

void check_disk(Checks& checks, const StaffDiagnostics& found, const SelftestLimits& limits) {
  constexpr std::uintmax_t mebibyte = 1024 * 1024;
  const std::string floor = std::to_string(limits.min_free_bytes / mebibyte) + " MiB";
  if (!found.disk_free_bytes) {
    return failed(checks, "disk-free", "free space of the data partition unknown",
                  "check the data partition is mounted");
  }
  const std::string free = std::to_string(*found.disk_free_bytes / mebibyte) + " MiB free";
  if (*found.disk_free_bytes < limits.min_free_bytes) {
    return failed(checks, "disk-free", free + ", below the floor of " + floor,
                  "free space on the data partition (old set-aside databases NAME.corrupt-*, logs), or give "
                  "it a larger disk");
  }
  passed(checks, "disk-free", free + " (floor " + floor + ")");
}

std::optional<std::int64_t> hex_file(const fs::path& file) {
  auto text = file_text(file);
  if (!text) return std::nullopt;
  try {
    return std::stoll(*text, nullptr, 16);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// A USB device named by vendor (and product, 0 meaning any) in sysfs.
struct UsbDevice {
  const char* check;  // "scanner" or "printer"
  std::int64_t vendor;
  std::int64_t product;
  const char* unconfigured;
  const char* remedy;
};

void check_usb_device(Checks& checks, const UsbDevice& device, const SelftestLimits& limits) {
  if (device.vendor == 0) return not_configured(checks, device.check, device.unconfigured);
  char wanted[48];
  std::snprintf(wanted, sizeof wanted, "%04llx:%04llx", static_cast<unsigned long long>(device.vendor),
                static_cast<unsigned long long>(device.product));
  const std::string what = std::string("USB ") + device.check + " " + wanted;
  std::error_code ec;
  for (fs::directory_iterator it(limits.usb_devices, ec), end; !ec && it != end; it.increment(ec)) {
    const auto vendor = hex_file(it->path() / "idVendor");
    const auto product = hex_file(it->path() / "idProduct");
    if (vendor == device.vendor && (device.product == 0 || product == device.product)) {
      return passed(checks, device.check, what + " present");
    }
  }
  failed(checks, device.check, what + " not found", device.remedy);
}

void check_scanner(Checks& checks, const KioskConfig& config, const SelftestLimits& limits) {
  check_usb_device(checks,
                   {"scanner", config.scanner_usb_vendor_id, config.scanner_usb_product_id,
                    "no scanner named in [scanner]: any USB HID-POS scanner is taken",
                    "plug the scanner in (or check its cable and the [scanner] ids in the config), then "
                    "run `kioskctl scanner`"},
                   limits);
}

void check_printer(Checks& checks, const KioskConfig& config, const SelftestLimits& limits) {
  check_usb_device(checks,
                   {"printer", config.printer_vendor_id, config.printer_product_id,
                    "no receipt printer in [printer]: receipts are shown on screen only",
                    "plug the receipt printer in and switch it on (or check its cable and the [printer] "
                    "ids in the config)"},
                   limits);
}

}  // namespace

std::string_view to_string(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::Ok: return "ok";
    case CheckOutcome::Failed: return "failed";
    case CheckOutcome::NotConfigured: return "not-configured";
  }
  return "?";
}

bool all_passed(const std::vector<SelftestCheck>& checks) {
  return std::none_of(checks.begin(), checks.end(),
                      [](const SelftestCheck& check) { return check.outcome == CheckOutcome::Failed; });
}

std::vector<SelftestCheck> run_selftest_checks(const KioskConfig& config, const SelftestLimits& limits,
                                               const Clock& clock) {
  Checks checks;
  check_sample_payloads(checks, clock);
  check_barcode_image(checks);
  const store::StoreOptions options = store_options_for(config, {});
  check_key_files(checks, store::key_files_for(options.database, options.keys));

  auto db = store::open_database_read_only(options.database);
  if (db) {
    check_recorded_keys(checks, *db, options);
  } else {
    failed(checks, "head-office-key", "cannot compare: the database did not open",
           "fix the database check first");
  }
  check_head_office(checks, config, options, limits, clock);
  if (db) {
    // What the tech's diagnostics screen shows, gathered the same way.
    const StaffDiagnostics found = gather_staff_diagnostics(*db, config.kiosk_id, nullptr, config.enrolled());
    check_disk(checks, found, limits);
    if (found.database_check == "ok") {
      passed(checks, "database", options.database.string() + ": quick check ok (opened read-only)");
    } else {
      // SQLite's report has a line per problem; one line reads better in the report.
      std::string found_problems = found.database_check;
      std::replace(found_problems.begin(), found_problems.end(), '\n', ' ');
      failed(checks, "database", options.database.string() + ": " + found_problems,
             "stop the kiosk and call support: the kiosk sets a damaged database aside on its next start");
    }
  } else {
    StaffDiagnostics unknown;
    std::error_code ec;
    const auto space = fs::space(options.database.parent_path(), ec);
    if (!ec) unknown.disk_free_bytes = space.available;
    check_disk(checks, unknown, limits);
    failed(
        checks, "database",
        options.database.string() + ": " + db.error().detail + " (" +
            std::string(to_string(db.error().code)) + ")",
        db.error().code == store::StoreErrc::NotFound
            ? "enroll the kiosk (kioskctl provision) or fix [storage] database in the config"
            : "stop the kiosk and call support: the kiosk sets a damaged database aside on its next start");
  }
  check_scanner(checks, config, limits);
  check_printer(checks, config, limits);
  std::error_code ec;
  if (fs::is_regular_file(KIOSK_DEFAULT_FONT, ec)) {
    passed(checks, "font", KIOSK_DEFAULT_FONT);
  } else {
    failed(checks, "font", std::string(KIOSK_DEFAULT_FONT) + " missing", "install fonts-dejavu-core");
  }
  return checks;
}

}  // namespace kiosk::ctl
