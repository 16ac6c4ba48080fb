#include <catch2/catch.hpp>

#include "kiosk/app/config_options.hpp"
#include "kiosk/app/demo_identity.hpp"
#include "kiosk/app/tech_status.hpp"

using namespace kiosk;
using namespace std::chrono;

namespace {
constexpr year_month_day kToday{year{2026}, month{11}, day{28}};
}  // namespace

TEST_CASE("a test scan of a card that expired says a client could only see and withdraw, in both languages") {
  const auto payload = demo_licence_payload(kToday);
  const TestScanReport now = describe_test_scan(payload, kToday);
  CHECK(now.accepted);
  CHECK(now.bytes == payload.size());
  const year_month_day much_later{year{2046}, month{1}, day{1}};
  const TestScanReport later = describe_test_scan(payload, much_later);
  CHECK_FALSE(later.accepted);
  CHECK(later.summary.en.find("expired: a client could only see and withdraw") != std::string::npos);
  CHECK(later.summary.fr.find("expirée\u00A0: un client pourrait seulement consulter et retirer") !=
        std::string::npos);
  CHECK(later.summary.fr.starts_with("Lue\u00A0: DL de QC"));
}

TEST_CASE("the configuration summary names the demo kiosk's head office as none, and any USB scanner") {
  auto config = parse_kiosk_config(embedded_demo_config(), "embedded");
  REQUIRE(config.has_value());
  StatusRows rows;
  add_config_rows(rows, *config, Language::French);
  auto value = [&](std::string_view label) {
    for (const auto& [name, text] : rows) {
      if (name == label) return text;
    }
    return std::string("(absent)");
  };
  CHECK(value("Siège social") == "aucun (borne de démonstration)");
  CHECK(value("Identifiants USB du lecteur") == "tout lecteur de codes-barres");
  CHECK(value("Fuseau horaire") == "America/Toronto");
  CHECK(value("Écran effacé après") == "60\u00A0s");
  config->printer_vendor_id = 0x0416;
  config->printer_product_id = 0x5011;
  rows.clear();
  add_config_rows(rows, *config, Language::English);
  CHECK(value("Receipt printer") == "0416:5011");
}
