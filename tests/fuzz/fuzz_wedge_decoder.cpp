// libFuzzer harness: arbitrary key streams through the keyboard-wedge decoder (timing, burst
// detection, payload restoration), and arbitrary token lists through the restorer alone. No
// crash, no out-of-bounds read, no endless loop; a restored payload never outgrows the buffer it
// was sized for (growing would leave copies of a card in freed memory).
// Input: a mode byte (even: keys, three bytes each; odd: tokens, two bytes each), then the stream.
//
// With KIOSK_FUZZ_SEED_DIR set, it writes a seed corpus there and exits (tests/fuzz/run-fuzzers.sh).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "kiosk/drivers/scanner/keyboard_wedge_decoder.hpp"
#include "kiosk/drivers/scanner/wedge_payload.hpp"
#include "scanner_fixtures.hpp"

using namespace kiosk::drivers;
using namespace scanner_test;

namespace {

// The key stream a wedge in `style` types for `payload`, in this harness's three-byte encoding.
Bytes key_seed(const std::string& payload, WedgeStyle style, int gap_ms) {
  Bytes out = {0};
  const auto start = std::chrono::steady_clock::time_point{};
  for (const auto& key : wedge_keys(payload, style, start, std::chrono::milliseconds(gap_ms))) {
    std::uint8_t kind = 0;
    const auto c = static_cast<std::uint8_t>(key.text.empty() ? 0 : key.text[0]);
    if (key.special == WedgeSpecialKey::Enter) kind = 4;
    if (key.special == WedgeSpecialKey::Tab) kind = 5;
    if (key.modifiers.ctrl) kind = key.modifiers.shift ? 0x16 : 6;
    out.insert(out.end(), {static_cast<std::uint8_t>(gap_ms), kind, c});
  }
  return out;
}

std::vector<Bytes> seeds() {
  const std::string licence = sample_licence();
  std::vector<Bytes> seeds;
  for (auto style : {WedgeStyle::CtrlCombos, WedgeStyle::CtrlShiftDigits, WedgeStyle::EnterForLfAndCr,
                     WedgeStyle::CrAsCrLf, WedgeStyle::DropAll}) {
    seeds.push_back(key_seed(licence, style, 3));
  }
  seeds.push_back(key_seed("@typed by a person", WedgeStyle::DropAll, 0x8C));
  Bytes tokens = {1};
  for (char c : licence) tokens.insert(tokens.end(), {0, static_cast<std::uint8_t>(c)});
  seeds.push_back(tokens);
  return seeds;
}

void check_size(std::size_t payload, std::size_t tokens) {
  if (payload > 2 * tokens + 8) __builtin_trap();
}

// Three bytes per key: the gap before it, what kind of key, and its character.
void decode_keys(const std::uint8_t* data, std::size_t size) {
  WedgeTiming timing;
  timing.max_scan_keys = 512;
  KeyboardWedgeDecoder decoder(timing);
  auto now = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  std::size_t keys = 0;
  for (std::size_t i = 0; i + 3 <= size; i += 3) {
    const std::uint8_t gap = data[i];
    now += (gap & 0x80) != 0 ? std::chrono::milliseconds((gap & 0x7F) * 10)
                             : std::chrono::milliseconds(gap % 16);
    WedgeKey key;
    key.time = now;
    const char c = static_cast<char>(data[i + 2]);
    switch (data[i + 1] % 8) {
      case 4: key.special = WedgeSpecialKey::Enter; break;
      case 5: key.special = WedgeSpecialKey::Tab; break;
      case 6:
        key.text.assign(1, c);
        key.modifiers.ctrl = true;
        key.modifiers.shift = (data[i + 1] & 0x10) != 0;
        break;
      case 7:
        key.special = (data[i + 1] & 0x10) != 0 ? WedgeSpecialKey::Backspace : WedgeSpecialKey::Escape;
        break;
      default: key.text.assign(1 + data[i + 1] % 3, c); break;
    }
    ++keys;
    if (auto scan = decoder.feed(key)) check_size(scan->size(), 3 * timing.max_scan_keys);
    if (auto deadline = decoder.deadline(); deadline && *deadline < now) __builtin_trap();
  }
  if (auto scan = decoder.poll(now + std::chrono::hours(1)))
    check_size(scan->size(), 3 * timing.max_scan_keys);
  if (decoder.deadline().has_value() || decoder.in_scan()) __builtin_trap();  // long quiet: nothing pending
  (void)keys;
}

// Two bytes per token: its kind and its byte.
void restore_tokens(const std::uint8_t* data, std::size_t size) {
  std::vector<WedgeToken> tokens;
  for (std::size_t i = 0; i + 2 <= size; i += 2) {
    const auto kind = data[i] % 8 == 6   ? WedgeToken::Kind::Enter
                      : data[i] % 8 == 7 ? WedgeToken::Kind::Tab
                                         : WedgeToken::Kind::Byte;
    tokens.push_back({kind, data[i + 1]});
  }
  const auto payload = restore_wedge_payload(tokens);
  check_size(payload.size(), tokens.size());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("KIOSK_FUZZ_SEED_DIR")) {
    write_seed_corpus(dir, seeds());
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  if (data[0] % 2 == 0) {
    decode_keys(data + 1, size - 1);
  } else {
    restore_tokens(data + 1, size - 1);
  }
  return 0;
}
