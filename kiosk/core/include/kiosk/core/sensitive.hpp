#pragma once
// Personal data and secrets in memory: a client's or agent's name, birth date and document
// number, a card's raw bytes, a PIN, a record's plaintext before it is sealed. std::string and
// std::vector hand their buffers back to the allocator as they were, and a moved-from short
// string keeps its characters inside the object, where a later reader of freed memory (or of a
// core file) could find them. These are the one way the kiosk overwrites such memory.

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace kiosk {

// Overwrites every byte the buffer owns, capacity included (a shorter later content leaves an
// earlier, longer one behind it), and leaves it empty with its capacity kept.
void wipe(std::string& text) noexcept;
void wipe(std::vector<std::uint8_t>& bytes) noexcept;
void wipe_bytes(void* data, std::size_t size) noexcept;

// Makes room for `capacity` bytes up front; when that needs a new buffer, the old one is wiped
// first. For text that is then built in place without reallocating.
void reserve_wiped(std::string& text, std::size_t capacity);

// A std::string or byte vector that wipes itself when destroyed, moved from or assigned over.
// It is a T everywhere a T is read. What it cannot catch: growing it in place (append, +=) may
// reallocate; reserve_wiped() first where text is built piece by piece.
template <class T>
class Sensitive : public T {
  static_assert(std::is_same_v<T, std::string> || std::is_same_v<T, std::vector<std::uint8_t>>,
                "Sensitive<T> wipes std::string and std::vector<std::uint8_t>");

 public:
  using T::T;
  Sensitive() = default;
  Sensitive(const T& value) : T(value) {}  // NOLINT: a T becomes sensitive where it is kept
  Sensitive(T&& value) noexcept : T(std::move(value)) { wipe(value); }  // NOLINT: as above
  Sensitive(const Sensitive& other) : T(other.plain()) {}
  Sensitive(Sensitive&& other) noexcept : T(std::move(other.plain())) { wipe(other.plain()); }
  ~Sensitive() { wipe(plain()); }

  Sensitive& operator=(const Sensitive& other) {
    if (this != &other) assign_from(other.plain());
    return *this;
  }
  Sensitive& operator=(Sensitive&& other) noexcept {
    if (this != &other) {
      wipe(plain());
      plain() = std::move(other.plain());
      wipe(other.plain());
    }
    return *this;
  }
  Sensitive& operator=(const T& value) {
    assign_from(value);
    return *this;
  }
  Sensitive& operator=(T&& value) noexcept {
    wipe(plain());
    plain() = std::move(value);
    wipe(value);
    return *this;
  }

  // Text or bytes of another type ("ON", a string_view): made a T first, then moved in.
  template <class U>
  requires(!std::is_same_v<std::remove_cvref_t<U>, Sensitive> && !std::is_same_v<std::remove_cvref_t<U>, T> &&
           std::is_constructible_v<T, U&&>) Sensitive&
  operator=(U&& value) {
    return *this = T(std::forward<U>(value));
  }

  T& plain() noexcept { return *this; }
  const T& plain() const noexcept { return *this; }

 private:
  void assign_from(const T& value) {
    if (value.size() > T::capacity()) wipe(plain());
    plain().assign(value.begin(), value.end());
  }
};

using SensitiveText = Sensitive<std::string>;
using SensitiveBytes = Sensitive<std::vector<std::uint8_t>>;

}  // namespace kiosk
