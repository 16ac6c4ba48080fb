#pragma once
// An expected-style result: foreseeable failures are values, never exceptions, so that none
// can cross into the UI loop. C++20 has no std::expected; this is the subset we use.

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace kiosk {

template <class E>
struct Unexpected {
  E error;
};

template <class E>
Unexpected<std::decay_t<E>> fail(E&& error) {
  return {std::forward<E>(error)};
}

template <class T, class E>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  template <class F>
  Expected(Unexpected<F> failure) : state_(std::in_place_index<1>, std::move(failure.error)) {}

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & {
    assert(has_value() && "value() on a failed Expected: check has_value() first");
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(has_value() && "value() on a failed Expected: check has_value() first");
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(has_value() && "value() on a failed Expected: check has_value() first");
    return std::get<0>(std::move(state_));
  }
  const E& error() const& {
    assert(!has_value() && "error() on a successful Expected");
    return std::get<1>(state_);
  }
  E&& error() && {
    assert(!has_value() && "error() on a successful Expected");
    return std::get<1>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, E> state_;
};

// For operations that return nothing on success.
struct Ok {};

template <class E>
using Status = Expected<Ok, E>;

}  // namespace kiosk
