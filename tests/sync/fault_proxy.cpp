#include "fault_proxy.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <stdexcept>
#include <system_error>

namespace {

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    data += sent;
    size -= static_cast<std::size_t>(sent);
  }
  return true;
}

// 0 at the end of the stream or on an error: either way the relay ends.
std::size_t receive(int fd, std::array<char, 16384>& buffer) {
  for (;;) {
    const ssize_t got = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (got < 0 && errno == EINTR) continue;
    return got > 0 ? static_cast<std::size_t>(got) : 0;
  }
}

// Until the other side closes, or the proxy shuts the socket down.
void discard_until_closed(int fd) {
  std::array<char, 16384> buffer{};
  while (receive(fd, buffer) > 0) {
  }
}

bool holds_reply(ProxyFault fault) {
  return fault == ProxyFault::LoseReply || fault == ProxyFault::StallReply || fault == ProxyFault::CutReply;
}

}  // namespace

FaultProxy::FaultProxy(int upstream_port) {
  route_.upstream = upstream_port;
  if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) throw std::system_error(errno, std::generic_category());
  open_listener();
  if (listener_ < 0) throw std::runtime_error("fault proxy: cannot listen on 127.0.0.1");
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    shut_down_tracked();
  }
  const char byte = 0;
  [[maybe_unused]] const ssize_t woken = ::write(wake_[1], &byte, 1);
  if (acceptor_.joinable()) acceptor_.join();
  for (auto& relay : relays_) relay.join();
  if (listener_ >= 0) ::close(listener_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

void FaultProxy::set_fault(ProxyFault fault) {
  reroute([fault](Route& route) { route.fault = fault; });
}

void FaultProxy::set_upstream(int port) {
  reroute([port](Route& route) { route.upstream = port; });
}

void FaultProxy::set_cut_after(std::size_t bytes) {
  reroute([bytes](Route& route) { route.cut_after = bytes; });
}

void FaultProxy::set_commit_probe(std::function<bool()> committed) {
  std::lock_guard lock(mutex_);
  committed_ = std::move(committed);
}

std::size_t FaultProxy::connections_accepted() const {
  std::lock_guard lock(mutex_);
  return accepted_;
}

std::size_t FaultProxy::bytes_sent_to(int port) const {
  std::lock_guard lock(mutex_);
  auto found = bytes_to_.find(port);
  return found == bytes_to_.end() ? 0 : found->second;
}

void FaultProxy::reroute(const std::function<void(Route&)>& change) {
  std::unique_lock lock(mutex_);
  change(route_);
  ++route_.generation;
  shut_down_tracked();
  const char byte = 0;
  [[maybe_unused]] const ssize_t woken = ::write(wake_[1], &byte, 1);
  // Refusing means that nothing listens any more: wait until the accepting thread closed (or
  // opened again) the listening socket, so that the next connection meets the new fault.
  const bool wanted = route_.fault != ProxyFault::Refuse;
  listener_settled_.wait(lock, [&] { return (listener_ >= 0) == wanted || listener_failed_; });
  if (listener_failed_) throw std::runtime_error("fault proxy: cannot listen again on its port");
}

void FaultProxy::open_listener() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return;
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in address = loopback(port_);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 64) != 0) {
    ::close(fd);
    return;
  }
  if (port_ == 0) {
    // The first time only: once bound, the proxy listens on that port whenever it listens.
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
  }
  listener_ = fd;
}

void FaultProxy::accept_loop() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      const bool wanted = route_.fault != ProxyFault::Refuse;
      if (wanted && listener_ < 0) {
        open_listener();
        listener_failed_ = listener_ < 0;
      } else if (!wanted && listener_ >= 0) {
        ::close(listener_);
        listener_ = -1;
      }
    }
    listener_settled_.notify_all();
    std::array<pollfd, 2> fds{{{wake_[0], POLLIN, 0}, {listener_, POLLIN, 0}}};
    const nfds_t count = listener_ >= 0 ? 2 : 1;
    if (::poll(fds.data(), count, -1) < 0) continue;
    if (fds[0].revents != 0) {
      char drained[64];
      while (::read(wake_[0], drained, sizeof drained) > 0) {
      }
    }
    if (count < 2 || (fds[1].revents & POLLIN) == 0) continue;
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    std::lock_guard lock(mutex_);
    if (stopping_) {
      ::close(client);
      return;
    }
    ++accepted_;
    live_.insert(client);
    relays_.emplace_back([this, client, route = route_] { relay(client, route); });
  }
}

void FaultProxy::relay(int client, Route route) {
  if (route.fault == ProxyFault::Stall) {
    stall(client);
    return;
  }
  const int upstream = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const sockaddr_in address = loopback(route.upstream);
  if (upstream < 0 || ::connect(upstream, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    if (upstream >= 0) ::close(upstream);
    untrack_and_close(client);
    return;
  }
  track(upstream, route.generation);

  std::array<char, 16384> buffer{};
  std::size_t sent_up = 0;
  bool swallowing = false;
  for (bool open = true; open;) {
    std::array<pollfd, 2> fds{{{client, POLLIN, 0}, {upstream, POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      open = errno == EINTR;
      continue;
    }
    if (fds[0].revents != 0) {
      const std::size_t got = receive(client, buffer);
      std::size_t pass = got;
      const bool cut = route.fault == ProxyFault::CutUpload && sent_up + got >= route.cut_after;
      if (cut) pass = route.cut_after - sent_up;
      open = got > 0 && send_all(upstream, buffer.data(), pass) && !cut;
      sent_up += pass;
      count_upstream(route.upstream, pass);
    }
    if (open && fds[1].revents != 0) {
      const std::size_t got = receive(upstream, buffer);
      if (got == 0) {
        // A kiosk waiting on a stalled reply keeps waiting, whatever the server does.
        if (swallowing) discard_until_closed(client);
        break;
      }
      // What head office sends after it committed is its reply: handshake and session tickets
      // come before the kiosk's request is even complete.
      if (holds_reply(route.fault) && (swallowing || committed())) {
        if (route.fault == ProxyFault::CutReply) send_all(client, buffer.data(), got / 2);
        swallowing = route.fault == ProxyFault::StallReply;
        open = swallowing;
        continue;
      }
      open = send_all(client, buffer.data(), got);
    }
  }
  untrack_and_close(upstream);
  untrack_and_close(client);
}

void FaultProxy::stall(int client) {
  discard_until_closed(client);
  untrack_and_close(client);
}

bool FaultProxy::committed() const {
  std::function<bool()> probe;
  {
    std::lock_guard lock(mutex_);
    probe = committed_;
  }
  return probe && probe();
}

void FaultProxy::count_upstream(int port, std::size_t bytes) {
  std::lock_guard lock(mutex_);
  bytes_to_[port] += bytes;
}

void FaultProxy::track(int fd, std::size_t generation) {
  std::lock_guard lock(mutex_);
  live_.insert(fd);
  if (stopping_ || generation != route_.generation) ::shutdown(fd, SHUT_RDWR);
}

void FaultProxy::untrack_and_close(int fd) {
  std::lock_guard lock(mutex_);
  if (live_.erase(fd) > 0) ::close(fd);
}

void FaultProxy::shut_down_tracked() {
  for (const int fd : live_) ::shutdown(fd, SHUT_RDWR);
}
