#pragma once
// One key as the platform saw it, in neutral terms: the platform (the one file that knows SDL)
// converts its key and text events into these, and the keyboard-wedge decoder reads them.

#include <chrono>
#include <cstdint>
#include <string>

namespace kiosk::drivers {

enum class WedgeSpecialKey : std::uint8_t { None, Enter, Tab, Backspace, Escape };

struct WedgeModifiers {
  bool ctrl = false;
  bool shift = false;
  bool alt = false;
  bool operator==(const WedgeModifiers&) const = default;
};

struct WedgeKey {
  std::chrono::steady_clock::time_point time{};
  // With special == None: the UTF-8 text typed (a text event may carry several characters). With
  // ctrl held: the character printed on the key itself, unshifted ("j", "6", "["), because a
  // Ctrl combination types no text.
  std::string text;
  WedgeSpecialKey special = WedgeSpecialKey::None;
  WedgeModifiers modifiers;
};

}  // namespace kiosk::drivers
