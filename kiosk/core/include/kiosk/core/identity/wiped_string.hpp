#pragma once
// Personal data in a std::string leaves copies behind when the string is emptied or grows
// (the old buffer is freed as it was). These keep a string's bytes from outliving their use.

#include <cstddef>
#include <string>

namespace kiosk::identity {

// Zeroes the whole buffer, capacity included, then empties the string.
void wipe_string(std::string& text) noexcept;

// Makes room for `capacity` bytes; if that needs a new buffer, the old one is zeroed first.
void reserve_wiped(std::string& text, std::size_t capacity);

}  // namespace kiosk::identity
