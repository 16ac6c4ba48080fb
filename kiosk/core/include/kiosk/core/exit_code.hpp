#pragma once
// The exit-code convention every tool follows (DESIGN.md): scripts and outside checks rely on it.

namespace kiosk {

enum class ExitCode : int {
  Ok = 0,
  InternalError = 1,  // a bug or an environment failure: not the caller's fault
  BadInput = 2,       // bad arguments, bad data, or a check that failed
};

constexpr int to_int(ExitCode code) {
  return static_cast<int>(code);
}

}  // namespace kiosk
