#include "kiosk/drivers/scanner/keyboard_wedge_decoder.hpp"

#include <string.h>  // explicit_bzero

namespace kiosk::drivers {
namespace {

bool starts_scan(const WedgeKey& key) {
  return key.special == WedgeSpecialKey::None && !key.modifiers.ctrl && !key.modifiers.alt &&
         !key.text.empty() && key.text[0] == '@';
}

// Characters, not bytes: "é" is one key.
std::size_t key_count(const WedgeKey& key) {
  if (key.special != WedgeSpecialKey::None || key.modifiers.ctrl) return 1;
  std::size_t count = 0;
  for (char c : key.text) count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  return count;
}

}  // namespace

KeyboardWedgeDecoder::KeyboardWedgeDecoder(WedgeTiming timing) : timing_(timing) {
  // One allocation: growing would leave copies of a card's content in freed memory.
  tokens_.reserve(timing_.max_scan_keys + 64);
}

KeyboardWedgeDecoder::~KeyboardWedgeDecoder() {
  discard();
}

void KeyboardWedgeDecoder::discard() {
  tokens_.resize(tokens_.capacity());
  explicit_bzero(tokens_.data(), tokens_.size() * sizeof(WedgeToken));
  tokens_.clear();
  keys_ = 0;
  started_ = false;
  machine_ = false;
}

std::optional<KeyboardWedgeDecoder::Payload> KeyboardWedgeDecoder::finish() {
  Payload payload = restore_wedge_payload(tokens_);
  discard();
  return payload;
}

std::optional<KeyboardWedgeDecoder::Payload> KeyboardWedgeDecoder::feed(const WedgeKey& key) {
  std::optional<Payload> done;
  const auto gap = key.time - last_;
  if (ignoring_ && gap > timing_.scan_end_gap) ignoring_ = false;
  if (started_) {
    if (machine_ && gap > timing_.scan_end_gap) {
      done = finish();
    } else if (!machine_ && gap > timing_.max_key_gap) {
      discard();  // a person typed an '@' and went on slowly
    }
  }
  last_ = key.time;
  if (ignoring_) return done;
  if (!started_) {
    if (!starts_scan(key)) return done;  // typing: none of the decoder's business
    started_ = true;
  }
  if (tokens_.size() + key.text.size() + 1 > timing_.max_scan_keys) {
    discard();
    ignoring_ = true;
    return done;
  }
  if (!append_wedge_tokens(key, tokens_)) {
    // Backspace, Escape, Alt: a person. Mid-scan they cannot come from the scanner: skipped.
    if (!machine_) discard();
    return done;
  }
  keys_ += key_count(key);
  if (!machine_ && keys_ >= timing_.min_scan_keys) machine_ = true;
  return done;
}

std::optional<KeyboardWedgeDecoder::Payload> KeyboardWedgeDecoder::poll(
    std::chrono::steady_clock::time_point now) {
  const auto quiet = now - last_;
  if (ignoring_ && quiet > timing_.scan_end_gap) ignoring_ = false;
  if (machine_ && quiet > timing_.scan_end_gap) return finish();
  if (started_ && !machine_ && quiet > timing_.max_key_gap) discard();
  return std::nullopt;
}

std::optional<std::chrono::steady_clock::time_point> KeyboardWedgeDecoder::deadline() const {
  constexpr auto kJustAfter = std::chrono::milliseconds(1);
  if (machine_ || ignoring_) return last_ + timing_.scan_end_gap + kJustAfter;
  if (started_) return last_ + timing_.max_key_gap + kJustAfter;
  return std::nullopt;
}

}  // namespace kiosk::drivers
