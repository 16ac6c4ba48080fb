#include "kiosk/core/identity/wiped_string.hpp"

#include <sodium.h>

namespace kiosk::identity {

void wipe_string(std::string& text) noexcept {
  // Growing to the capacity never reallocates, and makes every byte of the buffer (the short-
  // string buffer inside the object included) part of the string, so zeroing it is defined.
  text.resize(text.capacity());
  sodium_memzero(text.data(), text.size());
  text.clear();
}

void reserve_wiped(std::string& text, std::size_t capacity) {
  if (capacity <= text.capacity()) return;
  std::string larger;
  larger.reserve(capacity);
  larger.assign(text);
  wipe_string(text);
  text.swap(larger);
}

}  // namespace kiosk::identity
