#pragma once
// Test data for the scanner sources (tests/drivers/scanner, tests/fuzz), generated here so the
// suite stands alone: a fictional AAMVA payload with a correct header, the report descriptor and
// input reports of a USB HID-POS scanner, and the key events a keyboard-wedge scanner types.

#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "kiosk/drivers/scanner/wedge_key.hpp"
#include "wait_for.hpp"

namespace scanner_test {

using Bytes = std::vector<std::uint8_t>;

inline Bytes bytes(std::string_view text) {
  return Bytes(text.begin(), text.end());
}

using test_support::wait_for;

// Bytes written as hex, e.g. a captured report: {"02 38 5D 4C 32", "40 0A 1E 0D"}.
inline Bytes from_hex(std::initializer_list<const char*> lines) {
  Bytes out;
  for (const char* line : lines) {
    std::istringstream in(line);
    unsigned value = 0;
    while (in >> std::hex >> value) out.push_back(static_cast<std::uint8_t>(value));
  }
  return out;
}

// For the fuzz harnesses: DIR/seed-0, seed-1, ... (tests/fuzz/run-fuzzers.sh asks for them).
inline void write_seed_corpus(const std::string& dir, const std::vector<Bytes>& seeds) {
  int index = 0;
  for (const auto& seed : seeds) {
    std::ofstream(dir + "/seed-" + std::to_string(index++), std::ios::binary)
        .write(reinterpret_cast<const char*>(seed.data()), static_cast<std::streamsize>(seed.size()));
  }
}

struct Subfile {
  std::string type;      // "DL", "ID", "ZO"
  std::string elements;  // "DAQ...\nDCS...\n...DDGN" without the subfile's closing CR
};

// "@\n\x1e\rANSI " + IIN, version, jurisdiction version, entry count, one designator per subfile
// with its real offset and length, then each subfile as type + elements + CR.
inline std::string aamva_payload(const std::vector<Subfile>& subfiles, std::string_view iin = "636012",
                                 int version = 9) {
  auto two = [](std::size_t n) { return std::string(1, char('0' + n / 10 % 10)) + char('0' + n % 10); };
  auto four = [](std::size_t n) {
    std::string s = std::to_string(n);
    return std::string(4 - s.size(), '0') + s;
  };
  std::string header = std::string("@\n\x1e\rANSI ") + std::string(iin) + two(std::size_t(version)) + "01" +
                       two(subfiles.size());
  std::size_t offset = header.size() + 10 * subfiles.size();
  std::string designators;
  std::string body;
  for (const auto& subfile : subfiles) {
    const std::string content = subfile.type + subfile.elements + "\r";
    designators += subfile.type + four(offset) + four(content.size());
    offset += content.size();
    body += content;
  }
  return header + designators + body;
}

// A fictional Ontario-style licence: nobody's real data.
inline std::string sample_licence() {
  return aamva_payload({{"DL",
                         "DAQA1234-56789-01234\nDCSSAMPLE\nDDEN\nDACJEAN\nDDFN\nDADMARIE CLAIRE\nDDGN\n"
                         "DCAG\nDCBNONE\nDCDNONE\nDBD20200115\nDBB19800704\nDBA20300704\nDBC2\nDAU165 cm\n"
                         "DAYBRO\nDAG123 MAIN ST\nDAIOTTAWA\nDAJON\nDAKK1A0B1\nDCF9876543210\nDCGCAN"},
                        {"ZO", "ZOAREF123\nZOBX"}});
}

// The report descriptor of a HID-POS barcode scanner: application collection Bar Code Scanner
// (0x8C:0x02) holding the Scanned Data Report (id 2, 64 bytes) and a trigger output report.
inline Bytes hid_pos_scanner_descriptor(std::uint8_t usage_page = 0x8C) {
  return {
      0x05, usage_page,        // Usage Page (Bar Code Scanner, or another page for the refusal tests)
      0x09, 0x02,              // Usage (Bar Code Scanner)
      0xA1, 0x01,              // Collection (Application)
      0x09, 0x12,              //   Usage (Scanned Data Report)
      0xA1, 0x02,              //   Collection (Logical)
      0x85, 0x02,              //     Report ID (2)
      0x15, 0x00,              //     Logical Minimum (0)
      0x26, 0xFF,       0x00,  //     Logical Maximum (255)
      0x75, 0x08,              //     Report Size (8)
      0x95, 0x01,              //     Report Count (1)
      0x05, 0x01,              //     Usage Page (Generic Desktop)
      0x09, 0x3B,              //     Usage (Byte Count)
      0x81, 0x02,              //     Input (Data, Var, Abs)
      0x95, 0x03,              //     Report Count (3)
      0x05, 0x8C,              //     Usage Page (Bar Code Scanner)
      0x09, 0xFB,              //     Usage (Symbology Identifier 1)
      0x09, 0xFC,              //     Usage (Symbology Identifier 2)
      0x09, 0xFD,              //     Usage (Symbology Identifier 3)
      0x81, 0x02,              //     Input (Data, Var, Abs)
      0x95, 0x38,              //     Report Count (56)
      0x09, 0xFE,              //     Usage (Decoded Data)
      0x82, 0x02,       0x01,  //     Input (Data, Var, Abs, Buffered Bytes)
      0x06, 0x66,       0xFF,  //     Usage Page (vendor)
      0x95, 0x02,              //     Report Count (2)
      0x09, 0x04,              //     Usage (vendor code id)
      0x09, 0x00,              //     Usage (undefined)
      0x81, 0x02,              //     Input (Data, Var, Abs)
      0x05, 0x8C,              //     Usage Page (Bar Code Scanner)
      0x25, 0x01,              //     Logical Maximum (1)
      0x75, 0x01,              //     Report Size (1)
      0x95, 0x08,              //     Report Count (8)
      0x09, 0xFF,              //     Usage (Decode Data Continued)
      0x81, 0x02,              //     Input (Data, Var, Abs)
      0xC0,                    //   End Collection
      0x09, 0x14,              //   Usage (Trigger Report)
      0xA1, 0x02,              //   Collection (Logical)
      0x85, 0x04,              //     Report ID (4)
      0x75, 0x08,              //     Report Size (8)
      0x95, 0x01,              //     Report Count (1)
      0x09, 0x00,              //     Usage (undefined)
      0x91, 0x02,              //     Output (Data, Var, Abs)
      0xC0,                    //   End Collection
      0xC0,                    // End Collection
  };
}

// A boot keyboard's descriptor (Generic Desktop, Keyboard): what a scanner in keyboard mode, or a
// real keyboard, presents. It must never be taken for a HID-POS scanner.
inline Bytes keyboard_descriptor() {
  return {0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x05, 0x07, 0x19, 0xE0, 0x29, 0xE7, 0x15, 0x00, 0x25,
          0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0x95, 0x01, 0x75, 0x08, 0x81, 0x01, 0x95, 0x06,
          0x75, 0x08, 0x15, 0x00, 0x25, 0x65, 0x05, 0x07, 0x19, 0x00, 0x29, 0x65, 0x81, 0x00, 0xC0};
}

// The 64-byte Scanned Data Reports a HID-POS scanner sends for `payload`: 56 bytes per report,
// bit 0 of the last byte set on every report but the last.
inline std::vector<Bytes> hid_pos_reports(const Bytes& payload, std::string_view symbology = "]L2") {
  std::vector<Bytes> reports;
  std::size_t at = 0;
  do {
    const std::size_t n = std::min<std::size_t>(56, payload.size() - at);
    Bytes report(64, 0);
    report[0] = 0x02;
    report[1] = static_cast<std::uint8_t>(n);
    for (std::size_t k = 0; k < 3 && k < symbology.size(); ++k)
      report[2 + k] = static_cast<std::uint8_t>(symbology[k]);
    std::copy(payload.begin() + static_cast<long>(at), payload.begin() + static_cast<long>(at + n),
              report.begin() + 5);
    at += n;
    report[63] = at < payload.size() ? 0x01 : 0x00;
    reports.push_back(std::move(report));
  } while (at < payload.size());
  return reports;
}

// How a keyboard-wedge scanner is set up to type the control characters it has no key for.
enum class WedgeStyle {
  CtrlCombos,       // LF as Ctrl+J, RS as Ctrl+^, CR as Ctrl+M: lossless
  CtrlShiftDigits,  // the same on a US layout: RS arrives as Ctrl+Shift+6
  EnterForLfAndCr,  // LF and CR as Enter, RS dropped (the factory default of many wedges)
  CrAsCrLf,         // LF as Enter, CR as Enter Enter (a host "CR to CRLF" setting), RS dropped
  DropAll,          // every control character dropped
};

// The keys a wedge in `style` types for `payload`, `gap` apart from `start`, then its Enter suffix.
inline std::vector<kiosk::drivers::WedgeKey> wedge_keys(
    std::string_view payload, WedgeStyle style, std::chrono::steady_clock::time_point start,
    std::chrono::milliseconds gap = std::chrono::milliseconds(4), bool enter_suffix = true) {
  using kiosk::drivers::WedgeKey;
  using kiosk::drivers::WedgeSpecialKey;
  std::vector<WedgeKey> keys;
  auto t = start;
  auto text = [&](std::string s) {
    keys.push_back({t, std::move(s), WedgeSpecialKey::None, {}});
    t += gap;
  };
  auto enter = [&] {
    keys.push_back({t, "", WedgeSpecialKey::Enter, {}});
    t += gap;
  };
  auto ctrl = [&](std::string key, bool shift) {
    keys.push_back({t, std::move(key), WedgeSpecialKey::None, {true, shift, false}});
    t += gap;
  };
  for (char c : payload) {
    if (c == '\n' || c == '\r' || c == '\x1e') {
      switch (style) {
        case WedgeStyle::CtrlCombos: ctrl(c == '\n' ? "j" : c == '\r' ? "m" : "^", false); break;
        case WedgeStyle::CtrlShiftDigits:
          if (c == '\x1e')
            ctrl("6", true);
          else
            ctrl(c == '\n' ? "j" : "m", false);
          break;
        case WedgeStyle::EnterForLfAndCr:
          if (c != '\x1e') enter();
          break;
        case WedgeStyle::CrAsCrLf:
          if (c == '\n') enter();
          if (c == '\r') {
            enter();
            enter();
          }
          break;
        case WedgeStyle::DropAll: break;
      }
      continue;
    }
    text(std::string(1, c));
  }
  if (enter_suffix) enter();
  return keys;
}

}  // namespace scanner_test
