#pragma once
// consent-hq's HTTPS server (sync/PROTOCOL.md): health, enrollment, record upload, client state,
// kiosk keys, the admin gap report and /metrics, on a thread pool. bind() then serve() (which
// blocks until stop()); stop() may be called from any thread and lets requests in flight finish.

#include <memory>

#include "kiosk/core/expected.hpp"
#include "kiosk/hq/head_office.hpp"
#include "kiosk/hq/hq_metrics.hpp"

namespace kiosk::hq {

class HeadOfficeServer {
 public:
  explicit HeadOfficeServer(HeadOffice& head_office);
  ~HeadOfficeServer();
  HeadOfficeServer(const HeadOfficeServer&) = delete;
  HeadOfficeServer& operator=(const HeadOfficeServer&) = delete;

  // Binds the configured address; port 0 takes a free one. Returns the bound port.
  Expected<int, HqError> bind();
  void serve();
  void stop();

  const HqMetrics& metrics() const;

 private:
  struct Routes;
  std::unique_ptr<Routes> routes_;
};

// The version every program answers with.
std::string_view consent_hq_version();

}  // namespace kiosk::hq
