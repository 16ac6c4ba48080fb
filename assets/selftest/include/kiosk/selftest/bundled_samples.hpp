#pragma once
// What `kioskctl selftest` replays through the kiosk's real parser and decoder: the sample AAMVA
// payloads of assets/selftest/ (invented people) and a PDF417 picture of the first one, drawn by
// ZXing's writer at build time. Compiled into the binary so that a tech needs no file beside it.

#include <cstdint>
#include <span>
#include <string_view>

namespace kiosk::selftest {

struct BundledPayload {
  std::string_view name;  // the file name in assets/selftest/
  std::span<const std::uint8_t> bytes;
};

std::span<const BundledPayload> bundled_payloads();

// A PNG whose barcode carries bundled_payloads().front() byte for byte.
std::span<const std::uint8_t> bundled_barcode_png();

}  // namespace kiosk::selftest
