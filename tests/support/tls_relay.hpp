#pragma once
// A man in the middle for enrollment tests: an HTTPS server with its own certificate that relays
// every request to the real head office and its answers back. A kiosk that enrolls through it
// binds its proof to the relay's certificate, so head office refuses it.

#include <atomic>
#include <string>

#include "https_test_server.hpp"

class TlsRelay {
 public:
  explicit TlsRelay(int target_port) : target_port_(target_port) {
    auto relay = [this](const httplib::Request& req, httplib::Response& res) {
      httplib::SSLClient upstream("127.0.0.1", target_port_);
      upstream.enable_server_certificate_verification(false);
      httplib::Headers headers;
      for (const auto& [name, value] : req.headers) {
        if (name.starts_with("X-")) headers.emplace(name, value);
      }
      auto answer = req.method == "GET" ? upstream.Get(req.path, headers)
                                        : upstream.Post(req.path, headers, req.body, "application/json");
      if (!answer) {
        res.status = 502;
        return;
      }
      ++relayed_;
      res.status = answer->status;
      res.set_content(answer->body, "application/json");
    };
    https_.routes().Get(".*", relay);
    https_.routes().Post(".*", relay);
    https_.start();
  }

  std::string url() const { return https_.url(); }
  int relayed() const { return relayed_; }

 private:
  int target_port_;
  std::atomic<int> relayed_{0};
  HttpsTestServer https_{make_test_certificate("relay")};  // last: stops before the rest goes
};
