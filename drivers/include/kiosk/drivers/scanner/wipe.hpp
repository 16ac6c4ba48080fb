#pragma once
// Scanner buffers hold an ID card's content (name, birth date, document number). They are
// overwritten before their memory goes back to the allocator, where a later reader could find it.

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::drivers {

// Overwrites every byte the buffer owns (its whole capacity) and leaves it empty, capacity kept.
void wipe(std::vector<std::uint8_t>& bytes) noexcept;
void wipe(std::string& text) noexcept;

}  // namespace kiosk::drivers
