#pragma once
// What a keyboard-wedge scanner's keys stand for, and the payload they came from. A wedge types
// the barcode as if on a keyboard, and keyboards have no keys for the AAMVA control characters
// (LF between elements, RS in the header, CR closing each subfile). Depending on its settings a
// wedge sends them as Enter, as Ctrl combinations (Ctrl+J, Ctrl+^, Ctrl+M), or drops them. This
// file undoes each of those: it rebuilds the "@\n\x1e\r" header and the element separators.

#include <cstdint>
#include <span>
#include <vector>

#include "kiosk/drivers/scanner/wedge_key.hpp"

namespace kiosk::drivers {

struct WedgeToken {
  enum class Kind : std::uint8_t { Byte, Enter, Tab };
  Kind kind = Kind::Byte;
  std::uint8_t byte = 0;  // for Byte: the character, or the control byte a Ctrl combination stands for

  bool operator==(const WedgeToken&) const = default;
};

// Appends what `key` stands for. False for keys no scanner sends (Backspace, Escape, Alt
// combinations): a person is typing.
bool append_wedge_tokens(const WedgeKey& key, std::vector<WedgeToken>& out);

// The payload a burst of wedge tokens came from. An AAMVA burst gets its canonical header and
// its LF/CR separators back; anything else keeps its bytes, Enter read as LF and Tab as TAB.
std::vector<std::uint8_t> restore_wedge_payload(std::span<const WedgeToken> tokens);

}  // namespace kiosk::drivers
