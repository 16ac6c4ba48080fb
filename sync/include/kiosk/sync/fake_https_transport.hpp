#pragma once
// A transport that answers from the test's own function and keeps every request it was given:
// for unit tests of what the uploader does with each answer, without a network.

#include <functional>
#include <mutex>
#include <vector>

#include "kiosk/sync/https_transport.hpp"

namespace kiosk::sync {

class FakeHttpsTransport final : public HttpsTransport {
 public:
  using Answer = Expected<HttpResponse, TransportError>;
  using Responder = std::function<Answer(const HttpRequest&)>;

  explicit FakeHttpsTransport(Responder responder) : responder_(std::move(responder)) {}

  Answer send(const HttpRequest& request) override;
  void interrupt() override;

  std::vector<HttpRequest> requests() const;
  std::size_t request_count() const;

 private:
  Responder responder_;
  mutable std::mutex mutex_;
  std::vector<HttpRequest> requests_;
  bool interrupted_ = false;
};

}  // namespace kiosk::sync
