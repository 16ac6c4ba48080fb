#pragma once
// `consent-hq serve` runs until SIGTERM or SIGINT, then stops gracefully: no new connections,
// requests in flight finish (their transactions commit or roll back whole), then it returns.

#include <signal.h>

#include "kiosk/hq/head_office_server.hpp"

namespace kiosk::hq {

class StopSignals {
 public:
  // Blocks SIGTERM and SIGINT in the calling thread, and so in every thread it starts later:
  // from here on they are only ever received by serve_until_received, never fatal. One that
  // arrives early waits, pending, and stops the server as soon as it starts.
  // They stay blocked afterwards: a second signal sent while the server stopped must not end
  // the process by the signal's default action on its way out.
  StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Serves on this thread, waits for the signals on another; returns once the server stopped.
  void serve_until_received(HeadOfficeServer& server);

 private:
  sigset_t signals_{};
};

}  // namespace kiosk::hq
