#include "kiosk/sync/fake_https_transport.hpp"

namespace kiosk::sync {

FakeHttpsTransport::Answer FakeHttpsTransport::send(const HttpRequest& request) {
  {
    std::lock_guard lock(mutex_);
    if (interrupted_) return fail(TransportError{TransportErrc::Interrupted, "stopping"});
    requests_.push_back(request);
  }
  return responder_(request);
}

void FakeHttpsTransport::interrupt() {
  std::lock_guard lock(mutex_);
  interrupted_ = true;
}

std::vector<HttpRequest> FakeHttpsTransport::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t FakeHttpsTransport::request_count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

}  // namespace kiosk::sync
