#pragma once
// For work on another thread: polls `condition` every 2 ms until it holds or `timeout` passes.
// The timeout only ends a test that would otherwise hang; it is never what a test measures.

#include <chrono>
#include <functional>
#include <thread>

namespace test_support {

inline bool wait_for(const std::function<bool()>& condition,
                     std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

}  // namespace test_support
