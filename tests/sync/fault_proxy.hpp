#pragma once
// A TCP proxy on 127.0.0.1 between the kiosk's uploader and head office that breaks connections
// on purpose. It relays the TLS stream as bytes (it holds no key), so what it can do is what a
// network can do: refuse, stall, cut either direction, or take the kiosk somewhere else.
//
//   FaultProxy proxy(hq.port());
//   proxy.set_fault(ProxyFault::LoseReply);  // connections from now on meet the fault
//   ... the uploader talks to proxy.url() ...

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

enum class ProxyFault {
  None,        // relay both ways
  Refuse,      // nothing listens on the port: connections are refused
  Stall,       // accept, then never read nor answer: the kiosk's connect timeout ends it
  CutUpload,   // pass on the first `cut_after` bytes the kiosk sends, then close both sides
  LoseReply,   // relay the upload; once head office committed, close before any of its reply
  StallReply,  // the same, but keep the connection open, silent: the kiosk's timeout ends it
  CutReply,    // once head office committed, pass on half of what it sent next, then close
};

class FaultProxy {
 public:
  explicit FaultProxy(int upstream_port);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

  // Applies to connections opened from now on. The connections open now are closed, so that a
  // kiosk keeping one alive opens a new one and meets the fault.
  void set_fault(ProxyFault fault);
  // Where connections opened from now on are relayed.
  void set_upstream(int port);
  // For LoseReply, StallReply and CutReply: true once head office committed what it was sent.
  // The proxy asks when head office sends something, so what it holds back is the reply.
  void set_commit_probe(std::function<bool()> committed);
  void set_cut_after(std::size_t bytes);

  std::size_t connections_accepted() const;
  // Bytes relayed from the kiosk to the server on `port`.
  std::size_t bytes_sent_to(int port) const;

 private:
  struct Route {
    ProxyFault fault = ProxyFault::None;
    int upstream = 0;
    std::size_t cut_after = 0;
    std::size_t generation = 0;
  };

  void reroute(const std::function<void(Route&)>& change);
  void accept_loop();
  void open_listener();
  void relay(int client, Route route);
  void stall(int client);
  bool committed() const;
  void count_upstream(int port, std::size_t bytes);
  // The sockets of the connections alive now: rerouting and the destructor shut them down, and
  // a socket of an older route is shut down as soon as it is tracked.
  void track(int fd, std::size_t generation);
  void untrack_and_close(int fd);
  void shut_down_tracked();

  int port_ = 0;
  int listener_ = -1;  // opened and closed by the accepting thread only
  int wake_[2] = {-1, -1};
  mutable std::mutex mutex_;
  std::condition_variable listener_settled_;
  Route route_;
  bool stopping_ = false;
  bool listener_failed_ = false;
  std::function<bool()> committed_;
  std::size_t accepted_ = 0;
  std::map<int, std::size_t> bytes_to_;
  std::set<int> live_;
  std::vector<std::thread> relays_;
  std::thread acceptor_;
};
