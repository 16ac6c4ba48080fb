#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

#include "kiosk/app/service_notifier.hpp"
#include "scratch_dir.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

// Stands where systemd's notify socket would: a real AF_UNIX datagram socket, read without waiting.
class NotifySocket {
 public:
  explicit NotifySocket(std::string address) : address_(std::move(address)) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_un bound{};
    bound.sun_family = AF_UNIX;
    std::memcpy(bound.sun_path, address_.data(), address_.size());
    if (address_[0] == '@') bound.sun_path[0] = 0;
    const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address_.size());
    REQUIRE(fd_ >= 0);
    REQUIRE(::bind(fd_, reinterpret_cast<const sockaddr*>(&bound), length) == 0);
  }
  ~NotifySocket() { ::close(fd_); }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const std::string& address() const { return address_; }
  std::vector<std::string> received() {
    std::vector<std::string> messages;
    char buffer[512];
    for (;;) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n < 0) break;
      messages.emplace_back(buffer, static_cast<std::size_t>(n));
    }
    return messages;
  }

 private:
  std::string address_;
  int fd_ = -1;
};

using Messages = std::vector<std::string>;

}  // namespace

TEST_CASE("the notifier says READY=1 once, after the first frame is drawn") {
  ScratchDir dir("notify");
  NotifySocket systemd((dir / "notify").string());
  ManualClock clock(Clock::time_point{});
  MemoryLogger logger;
  ServiceNotifier notifier(ServiceNotifierSettings{systemd.address(), std::nullopt}, clock, logger);
  REQUIRE(notifier.active());

  notifier.main_loop_turned(0);
  CHECK(systemd.received().empty());
  notifier.main_loop_turned(1);
  CHECK(systemd.received() == Messages{"READY=1"});
  notifier.main_loop_turned(2);
  clock.advance(60s);
  notifier.main_loop_turned(3);
  CHECK(systemd.received().empty());
}

TEST_CASE("the notifier feeds the watchdog at half its period, from the main loop's turns") {
  ScratchDir dir("notify");
  NotifySocket systemd((dir / "notify").string());
  ManualClock clock(Clock::time_point{});
  MemoryLogger logger;
  ServiceNotifier notifier(ServiceNotifierSettings{systemd.address(), std::chrono::microseconds(20s)}, clock,
                           logger);

  notifier.main_loop_turned(1);
  CHECK(systemd.received() == Messages{"READY=1", "WATCHDOG=1"});
  clock.advance(9s);
  notifier.main_loop_turned(2);
  CHECK(systemd.received().empty());
  clock.advance(1s);
  notifier.main_loop_turned(3);
  CHECK(systemd.received() == Messages{"WATCHDOG=1"});
  // A loop that stops turning sends nothing: that silence is what the watchdog catches.
  clock.advance(30s);
  CHECK(systemd.received().empty());
  // Waking every quarter period at least keeps each gap under three quarters of it.
  CHECK(notifier.longest_sleep(std::chrono::milliseconds(60000)) == std::chrono::milliseconds(5000));
  CHECK(notifier.longest_sleep(std::chrono::milliseconds(1000)) == std::chrono::milliseconds(1000));
}

TEST_CASE("the notifier reaches a socket in the abstract namespace") {
  ScratchDir dir("notify");  // only for a name no other test run uses
  NotifySocket systemd("@kiosk-test-" + dir.path().filename().string());
  ManualClock clock(Clock::time_point{});
  MemoryLogger logger;
  ServiceNotifier notifier(ServiceNotifierSettings{systemd.address(), std::nullopt}, clock, logger);
  REQUIRE(notifier.send("STATUS=testing"));
  CHECK(systemd.received() == Messages{"STATUS=testing"});
}

TEST_CASE("outside systemd the notifier sends nothing and never shortens the loop's sleep") {
  ManualClock clock(Clock::time_point{});
  MemoryLogger logger;
  ServiceNotifier notifier(notifier_settings_from(nullptr, "20000000", nullptr, 10, 1), clock, logger);
  CHECK_FALSE(notifier.active());
  notifier.main_loop_turned(1);
  CHECK(notifier.send("READY=1"));
  CHECK(notifier.longest_sleep(std::chrono::milliseconds(1000)) == std::chrono::milliseconds(1000));
  CHECK(logger.lines().empty());
}

TEST_CASE("a notify socket that is gone is reported once, and READY=1 is tried again") {
  ScratchDir dir("notify");
  ManualClock clock(Clock::time_point{});
  MemoryLogger logger;
  const std::string address = (dir / "notify").string();
  ServiceNotifier notifier(ServiceNotifierSettings{address, std::nullopt}, clock, logger);
  CHECK_FALSE(notifier.send("READY=1"));
  notifier.main_loop_turned(1);
  notifier.main_loop_turned(2);
  CHECK(logger.lines().size() == 1);

  NotifySocket systemd(address);
  notifier.main_loop_turned(3);
  CHECK(systemd.received() == Messages{"READY=1"});
}

TEST_CASE("notifier settings follow systemd's environment") {
  auto plain = notifier_settings_from("/run/systemd/notify", nullptr, nullptr, 10, 1);
  CHECK(plain.socket == "/run/systemd/notify");
  CHECK_FALSE(plain.watchdog);

  auto watched = notifier_settings_from("@abstract", "30000000", nullptr, 10, 1);
  CHECK(watched.socket == "@abstract");
  CHECK(watched.watchdog == std::chrono::microseconds(30000000));

  // Under cage, $WATCHDOG_PID is the compositor, the kiosk's parent; another process's is not ours.
  CHECK(notifier_settings_from("/n", "30000000", "10", 10, 1).watchdog);
  CHECK(notifier_settings_from("/n", "30000000", "1", 10, 1).watchdog);
  CHECK_FALSE(notifier_settings_from("/n", "30000000", "77", 10, 1).watchdog);

  CHECK_FALSE(notifier_settings_from("/n", "0", nullptr, 10, 1).watchdog);
  CHECK_FALSE(notifier_settings_from("/n", "soon", nullptr, 10, 1).watchdog);
  CHECK(notifier_settings_from("relative/path", nullptr, nullptr, 10, 1).socket.empty());
  CHECK(notifier_settings_from("", nullptr, nullptr, 10, 1).socket.empty());
  CHECK(notifier_settings_from(std::string(200, '/').c_str(), nullptr, nullptr, 10, 1).socket.empty());
}
