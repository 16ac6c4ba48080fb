#include "kiosk/app/tech_status.hpp"

#include <cstdio>

#include "kiosk/core/format_text.hpp"
#include "kiosk/core/identity/aamva_parser.hpp"
#include "kiosk/core/identity/age_of_majority.hpp"
#include "kiosk/text/kiosk_text.hpp"

namespace kiosk {
namespace {

// The tech's words ([diagnostics] in assets/strings/kiosk-text.toml).
namespace label = text::diagnostics::label;
namespace value = text::diagnostics::value;
namespace scan_report = text::diagnostics::test_scan;

std::string usb_id(std::int64_t vendor, std::int64_t product) {
  char text[16];
  std::snprintf(text, sizeof text, "%04llx:%04llx", static_cast<unsigned long long>(vendor & 0xffff),
                static_cast<unsigned long long>(product & 0xffff));
  return text;
}

}  // namespace

TestScanReport describe_test_scan(std::span<const std::uint8_t> payload, std::chrono::year_month_day today) {
  TestScanReport report;
  report.bytes = payload.size();
  auto document = identity::parse_aamva(payload, today);
  if (!document) {
    const std::string code(identity::to_string(document.error().code));
    const Bilingual why = identity::message(document.error().code);
    report.summary = {
        format_text(scan_report::unreadable.en, code.c_str(), payload.size(), std::string(why.en).c_str()),
        format_text(scan_report::unreadable.fr, code.c_str(), payload.size(), std::string(why.fr).c_str())};
    return report;
  }
  const bool adult = document->date_of_birth &&
                     identity::has_reached_majority(*document->date_of_birth, document->issuer, today);
  report.accepted = adult && !document->expired;
  const Bilingual verdict = !adult              ? scan_report::minor
                            : document->expired ? scan_report::expired
                                                : scan_report::valid;
  for (Language lang : {Language::English, Language::French}) {
    std::string text =
        format_text(scan_report::read.in(lang), document->kind.c_str(), document->issuer.c_str(),
                    document->aamva_version, payload.size(), std::string(verdict.in(lang)).c_str());
    (lang == Language::English ? report.summary.en : report.summary.fr) = std::move(text);
  }
  return report;
}

void add_scanner_rows(StatusRows& rows,
                      const std::vector<std::pair<drivers::ScanSourceKind, drivers::SourceStatus>>& sources,
                      const std::optional<TestScanReport>& test_scan, Language lang) {
  for (const auto& [kind, status] : sources) {
    const std::string name(drivers::to_string(kind));
    rows.emplace_back(format_text(label::scanner.in(lang), name.c_str()), status.text(lang));
  }
  rows.emplace_back(std::string(label::test_scan.in(lang)), test_scan
                                                                ? std::string(test_scan->summary.in(lang))
                                                                : std::string(value::scan_to_test.in(lang)));
}

void add_config_rows(StatusRows& rows, const KioskConfig& config, Language lang) {
  auto add = [&](Bilingual name, std::string text) { rows.emplace_back(name.in(lang), std::move(text)); };
  add(label::store, config.store_name);
  add(label::time_zone, config.time_zone);
  add(label::language,
      std::string((config.default_language == Language::French ? value::french : value::english).in(lang)));
  add(label::timeout,
      format_text(value::seconds.in(lang), static_cast<long long>(config.inactivity_timeout_seconds)));
  add(label::head_office, config.enrolled() ? config.head_office_url : std::string(value::demo.in(lang)));
  if (config.enrolled())
    add(label::sync_every,
        format_text(value::seconds.in(lang), static_cast<long long>(config.sync_interval_seconds)));
  add(label::database, config.database.string());
  add(label::scanner_ids, config.scanner_usb_vendor_id == 0
                              ? std::string(value::any_scanner.in(lang))
                              : usb_id(config.scanner_usb_vendor_id, config.scanner_usb_product_id));
  add(label::printer, config.has_printer() ? usb_id(config.printer_vendor_id, config.printer_product_id)
                                           : std::string(value::none.in(lang)));
  add(label::camera, config.camera_device.empty() ? std::string(value::none.in(lang)) : config.camera_device);
}

}  // namespace kiosk
