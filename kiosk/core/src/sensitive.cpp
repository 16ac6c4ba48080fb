#include "kiosk/core/sensitive.hpp"

#include <sodium.h>

namespace kiosk {

void wipe_bytes(void* data, std::size_t size) noexcept {
  // sodium_memzero, not memset: a store to memory about to be freed may be optimised away.
  if (data != nullptr && size > 0) sodium_memzero(data, size);
}

void wipe(std::string& text) noexcept {
  // Growing to the capacity never reallocates, and makes every byte of the buffer (the short-
  // string buffer inside the object included) part of the string, so zeroing it is defined.
  text.resize(text.capacity());
  wipe_bytes(text.data(), text.size());
  text.clear();
}

void wipe(std::vector<std::uint8_t>& bytes) noexcept {
  if (bytes.capacity() == 0) return;  // nothing owned (and data() may be null)
  bytes.resize(bytes.capacity());
  wipe_bytes(bytes.data(), bytes.size());
  bytes.clear();
}

void reserve_wiped(std::string& text, std::size_t capacity) {
  if (capacity <= text.capacity()) return;
  std::string larger;
  larger.reserve(capacity);
  larger.assign(text);
  wipe(text);
  text.swap(larger);
}

}  // namespace kiosk
