#pragma once
// What only a tech reads on the diagnostics screen beyond the store's figures: each scanner
// source's state, the result of a test scan, and a summary of the configuration. Nothing read
// from a card is shown: a test scan says whether and what kind of card was read, never whose.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/core/language.hpp"
#include "kiosk/drivers/scanner/scan_source.hpp"

namespace kiosk {

// The outcome of a card scanned on the diagnostics screen, kept only as these words.
struct TestScanReport {
  bool accepted = false;  // a client could record consents with this card today
  std::size_t bytes = 0;
  BilingualText summary;  // "Read: DL from ON, AAMVA version 10, 312 bytes; valid"
};

TestScanReport describe_test_scan(std::span<const std::uint8_t> payload, std::chrono::year_month_day today);

using StatusRows = std::vector<std::pair<std::string, std::string>>;

void add_scanner_rows(StatusRows& rows,
                      const std::vector<std::pair<drivers::ScanSourceKind, drivers::SourceStatus>>& sources,
                      const std::optional<TestScanReport>& test_scan, Language lang);

// Settings a tech checks against the work order; no secret is in a config, only paths to keys.
void add_config_rows(StatusRows& rows, const KioskConfig& config, Language lang);

}  // namespace kiosk
