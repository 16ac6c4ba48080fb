#include "kiosk/app/tech_status.hpp"

#include <cstdio>

#include "kiosk/core/identity/aamva_parser.hpp"
#include "kiosk/core/identity/age_of_majority.hpp"

namespace kiosk {
namespace {

namespace label {
constexpr Bilingual scanner{"Scanner (%s)", "Lecteur (%s)"};
constexpr Bilingual test_scan{"Test scan", "Lecture d’essai"};
constexpr Bilingual store{"Store", "Magasin"};
constexpr Bilingual time_zone{"Time zone", "Fuseau horaire"};
constexpr Bilingual language{"Default language", "Langue par défaut"};
constexpr Bilingual timeout{"Screen clears after", "Écran effacé après"};
constexpr Bilingual head_office{"Head office", "Siège social"};
constexpr Bilingual sync_every{"Delivery every", "Envoi toutes les"};
constexpr Bilingual database{"Database file", "Fichier de la base"};
constexpr Bilingual printer{"Receipt printer", "Imprimante de reçus"};
constexpr Bilingual camera{"Camera", "Caméra"};
constexpr Bilingual scanner_ids{"Scanner USB ids", "Identifiants USB du lecteur"};
}  // namespace label

namespace value {
constexpr Bilingual scan_to_test{"scan a card to test the whole reading path",
                                 "lisez une carte pour tester toute la chaîne de lecture"};
constexpr Bilingual none{"none", "aucune"};
constexpr Bilingual any_scanner{"any barcode scanner", "tout lecteur de codes-barres"};
constexpr Bilingual demo{"none (demo kiosk)", "aucun (borne de démonstration)"};
constexpr Bilingual english{"English", "anglais"};
constexpr Bilingual french{"French", "français"};
constexpr Bilingual seconds{"%lld s", "%lld\u00A0s"};
}  // namespace value

constexpr Bilingual kRead{"Read: %s from %s, AAMVA version %d, %zu bytes; %s",
                          "Lue\u00A0: %s de %s, AAMVA version %d, %zu octets; %s"};
constexpr Bilingual kValid{"a client could record consents with it",
                           "un client pourrait y enregistrer ses choix"};
constexpr Bilingual kExpired{"expired: a client could only see and withdraw",
                             "expirée\u00A0: un client pourrait seulement consulter et retirer"};
constexpr Bilingual kMinor{"holder under the age of majority: refused", "titulaire mineur\u00A0: refusée"};
constexpr Bilingual kUnreadable{"Not read (%s, %zu bytes): %s", "Non lue (%s, %zu octets)\u00A0: %s"};

std::string printf_text(std::string_view format, auto... args) {
  char text[512];
  std::snprintf(text, sizeof text, format.data(), args...);
  return text;
}

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
    report.summary = {printf_text(kUnreadable.en, code.c_str(), payload.size(), std::string(why.en).c_str()),
                      printf_text(kUnreadable.fr, code.c_str(), payload.size(), std::string(why.fr).c_str())};
    return report;
  }
  const bool adult = document->date_of_birth &&
                     identity::has_reached_majority(*document->date_of_birth, document->issuer, today);
  report.accepted = adult && !document->expired;
  const Bilingual verdict = !adult ? kMinor : document->expired ? kExpired : kValid;
  for (Language lang : {Language::English, Language::French}) {
    std::string text =
        printf_text(kRead.in(lang), document->kind.c_str(), document->issuer.c_str(), document->aamva_version,
                    payload.size(), std::string(verdict.in(lang)).c_str());
    (lang == Language::English ? report.summary.en : report.summary.fr) = std::move(text);
  }
  return report;
}

void add_scanner_rows(StatusRows& rows,
                      const std::vector<std::pair<drivers::ScanSourceKind, drivers::SourceStatus>>& sources,
                      const std::optional<TestScanReport>& test_scan, Language lang) {
  for (const auto& [kind, status] : sources) {
    const std::string name(drivers::to_string(kind));
    rows.emplace_back(printf_text(label::scanner.in(lang), name.c_str()), status.text(lang));
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
      printf_text(value::seconds.in(lang), static_cast<long long>(config.inactivity_timeout_seconds)));
  add(label::head_office, config.enrolled() ? config.head_office_url : std::string(value::demo.in(lang)));
  if (config.enrolled())
    add(label::sync_every,
        printf_text(value::seconds.in(lang), static_cast<long long>(config.sync_interval_seconds)));
  add(label::database, config.database.string());
  add(label::scanner_ids, config.scanner_usb_vendor_id == 0
                              ? std::string(value::any_scanner.in(lang))
                              : usb_id(config.scanner_usb_vendor_id, config.scanner_usb_product_id));
  add(label::printer, config.has_printer() ? usb_id(config.printer_vendor_id, config.printer_product_id)
                                           : std::string(value::none.in(lang)));
  add(label::camera, config.camera_device.empty() ? std::string(value::none.in(lang)) : config.camera_device);
}

}  // namespace kiosk
