#include "kiosk/drivers/scanner/wipe.hpp"

#include <string.h>  // explicit_bzero: a plain memset before free may be optimised away

namespace kiosk::drivers {

void wipe(std::vector<std::uint8_t>& bytes) noexcept {
  if (bytes.capacity() == 0) return;  // nothing owned (and data() may be null)
  // Bytes past size() may still hold an earlier, longer content.
  bytes.resize(bytes.capacity());
  explicit_bzero(bytes.data(), bytes.size());
  bytes.clear();
}

void wipe(std::string& text) noexcept {
  text.resize(text.capacity());
  explicit_bzero(text.data(), text.size());
  text.clear();
}

}  // namespace kiosk::drivers
