#pragma once
// The real transport: libcurl, head office's certificate as the only CA, its public key pinned
// (CURLOPT_PINNEDPUBLICKEY), the host verified, connect and total timeouts, TCP_NODELAY, and one
// easy handle kept for the transport's life so that its connection is reused (keep-alive).
// A certificate that does not match ends the handshake: no request byte is ever sent over it.

#include <atomic>
#include <memory>

#include "kiosk/sync/https_transport.hpp"

namespace kiosk::sync {

class CurlHttpsTransport final : public HttpsTransport {
 public:
  explicit CurlHttpsTransport(PinnedEndpoint endpoint);
  ~CurlHttpsTransport() override;
  CurlHttpsTransport(const CurlHttpsTransport&) = delete;
  CurlHttpsTransport& operator=(const CurlHttpsTransport&) = delete;

  Expected<HttpResponse, TransportError> send(const HttpRequest& request) override;
  void interrupt() override { interrupted_ = true; }

 private:
  PinnedEndpoint endpoint_;
  std::string pinned_key_;  // "sha256//BASE64"
  void* easy_ = nullptr;    // CURL*: curl.h stays in the .cpp
  std::atomic<bool> interrupted_{false};
};

enum class CertificateFetchErrc { Unreachable, NoCertificate, Failed };

struct CertificateFetchError {
  CertificateFetchErrc code;
  std::string detail;
};

// Enrollment's first step (sync/PROTOCOL.md): `GET /v1/health` with certificate verification off,
// only to read the certificate the server shows (CURLOPT_CERTINFO). The connection is not reused.
Expected<std::string, CertificateFetchError> fetch_server_certificate(const std::string& base_url,
                                                                      std::chrono::milliseconds timeout);

}  // namespace kiosk::sync
