#pragma once
// The benchmarks' one timing loop: enough calls for about 0.2 s, measured after a warm-up.

#include <chrono>

namespace kiosk::testing {

template <class Work>
double nanoseconds_per_call(Work work) {
  using Clock = std::chrono::steady_clock;
  for (int i = 0; i < 200; ++i) work();
  int calls = 200;
  for (;;) {
    const auto start = Clock::now();
    for (int i = 0; i < calls; ++i) work();
    const double elapsed = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
    if (elapsed > 2e8) return elapsed / calls;
    calls *= 4;
  }
}

}  // namespace kiosk::testing
