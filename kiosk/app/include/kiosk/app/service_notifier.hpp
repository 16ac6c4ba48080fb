#pragma once
// Tells systemd how the kiosk is doing, over sd_notify's datagram protocol (no libsystemd):
// READY=1 once the first frame is on screen, so that units ordered after the kiosk's start when
// a client could use it; then WATCHDOG=1 from the main loop, so that a hung loop gets the kiosk
// restarted. Outside systemd ($NOTIFY_SOCKET unset) it sends nothing.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/core/logger.hpp"

namespace kiosk {

struct ServiceNotifierSettings {
  // $NOTIFY_SOCKET: a path, or "@name" for Linux's abstract namespace. Empty: not under systemd.
  std::string socket;
  // $WATCHDOG_USEC, when the watchdog is meant for this process.
  std::optional<std::chrono::microseconds> watchdog;
};

// What systemd's environment asks of the process `self` whose parent is `parent`. The kiosk runs
// under cage, the unit's main process, so $WATCHDOG_PID names its parent: both count as meant.
ServiceNotifierSettings notifier_settings_from(const char* notify_socket, const char* watchdog_usec,
                                               const char* watchdog_pid, std::int64_t self,
                                               std::int64_t parent);
ServiceNotifierSettings notifier_settings_from_environment();

struct NotifyError {
  std::string detail;
};

class ServiceNotifier {
 public:
  ServiceNotifier(ServiceNotifierSettings settings, const Clock& clock, Logger& logger);

  bool active() const { return !settings_.socket.empty(); }
  // The longest the main loop may sleep: short enough that the next heartbeat is never late.
  std::chrono::milliseconds longest_sleep(std::chrono::milliseconds wanted) const;
  // Once per turn of the main loop, after it drew whatever it had to.
  void main_loop_turned(std::uint64_t frames_drawn);
  // One datagram, e.g. "READY=1" or "STATUS=...".
  Status<NotifyError> send(std::string_view message);

 private:
  ServiceNotifierSettings settings_;
  const Clock& clock_;
  Logger& logger_;
  bool ready_sent_ = false;
  bool failure_logged_ = false;
  std::optional<std::chrono::steady_clock::time_point> last_heartbeat_;
};

}  // namespace kiosk
