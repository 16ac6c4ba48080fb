#include "kiosk/hq/stop_signals.hpp"

#include <pthread.h>

#include <atomic>
#include <thread>

namespace kiosk::hq {

StopSignals::StopSignals() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGTERM);
  sigaddset(&signals_, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
}

void StopSignals::serve_until_received(HeadOfficeServer& server) {
  std::atomic<bool> served{false};
  std::thread waiter([&] {
    int received = 0;
    sigwait(&signals_, &received);
    if (!served) server.stop();
  });
  server.serve();
  served = true;
  // The server stopped by itself, or the waiter stopped it: wake the waiter if it still waits.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
}

}  // namespace kiosk::hq
