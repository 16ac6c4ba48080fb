#include "kiosk/app/service_notifier.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace kiosk {
namespace {

template <class Number>
std::optional<Number> parse_number(const char* text) {
  if (text == nullptr || *text == 0) return std::nullopt;
  const std::string_view view(text);
  Number value{};
  auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), value);
  if (error != std::errc{} || end != view.data() + view.size()) return std::nullopt;
  return value;
}

class SocketFd {
 public:
  explicit SocketFd(int fd) : fd_(fd) {}
  ~SocketFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  SocketFd(const SocketFd&) = delete;
  SocketFd& operator=(const SocketFd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

ServiceNotifierSettings notifier_settings_from(const char* notify_socket, const char* watchdog_usec,
                                               const char* watchdog_pid, std::int64_t self,
                                               std::int64_t parent) {
  ServiceNotifierSettings settings;
  if (notify_socket == nullptr) return settings;
  const std::string_view socket(notify_socket);
  // Only the two address forms systemd hands out; anything else would be sent nowhere useful.
  if (socket.size() < 2 || (socket[0] != '/' && socket[0] != '@')) return settings;
  if (socket.size() >= sizeof(sockaddr_un::sun_path)) return settings;
  settings.socket = std::string(socket);

  auto usec = parse_number<std::int64_t>(watchdog_usec);
  if (!usec || *usec <= 0) return settings;
  if (watchdog_pid != nullptr && *watchdog_pid != 0) {
    auto pid = parse_number<std::int64_t>(watchdog_pid);
    if (!pid || (*pid != self && *pid != parent)) return settings;
  }
  settings.watchdog = std::chrono::microseconds(*usec);
  return settings;
}

ServiceNotifierSettings notifier_settings_from_environment() {
  return notifier_settings_from(std::getenv("NOTIFY_SOCKET"), std::getenv("WATCHDOG_USEC"),
                                std::getenv("WATCHDOG_PID"), ::getpid(), ::getppid());
}

ServiceNotifier::ServiceNotifier(ServiceNotifierSettings settings, const Clock& clock, Logger& logger)
    : settings_(std::move(settings)), clock_(clock), logger_(logger) {}

std::chrono::milliseconds ServiceNotifier::longest_sleep(std::chrono::milliseconds wanted) const {
  if (!active() || !settings_.watchdog) return wanted;
  // Waking every quarter period and beating once half of it has passed keeps every gap
  // between heartbeats under three quarters of the period.
  const auto quarter = std::chrono::duration_cast<std::chrono::milliseconds>(*settings_.watchdog / 4);
  return std::max(std::chrono::milliseconds(1), std::min(wanted, quarter));
}

void ServiceNotifier::main_loop_turned(std::uint64_t frames_drawn) {
  if (!active()) return;
  if (!ready_sent_ && frames_drawn > 0) {
    // Only once it is sent: a failed READY=1 is retried on the next turn.
    ready_sent_ = send("READY=1").has_value();
    if (ready_sent_) logger_.info("service", "first frame drawn: told systemd the kiosk is ready");
  }
  if (!settings_.watchdog) return;
  const auto now = clock_.steady_now();
  if (last_heartbeat_ && now - *last_heartbeat_ < *settings_.watchdog / 2) return;
  if (send("WATCHDOG=1")) last_heartbeat_ = now;
}

Status<NotifyError> ServiceNotifier::send(std::string_view message) {
  if (!active()) return Ok{};
  auto failed = [this](std::string detail) -> Status<NotifyError> {
    // One line, not one per frame: a broken socket must not flood the journal.
    if (!failure_logged_) logger_.warn("service", "cannot notify systemd: " + detail);
    failure_logged_ = true;
    return fail(NotifyError{std::move(detail)});
  };
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, settings_.socket.data(), settings_.socket.size());
  if (settings_.socket[0] == '@') address.sun_path[0] = 0;
  const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + settings_.socket.size());

  SocketFd fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return failed(std::string("socket: ") + std::strerror(errno));
  const ssize_t sent = ::sendto(fd.get(), message.data(), message.size(), MSG_NOSIGNAL,
                                reinterpret_cast<const sockaddr*>(&address), length);
  if (sent < 0) return failed(std::string("sendto: ") + std::strerror(errno));
  if (static_cast<std::size_t>(sent) != message.size()) return failed("short datagram");
  return Ok{};
}

}  // namespace kiosk
