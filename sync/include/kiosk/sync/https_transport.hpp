#pragma once
// How the kiosk talks to head office: one request, one answer, over HTTPS to a pinned server.
// The uploader, the client-state lookup and enrollment see only this interface; the real one is
// libcurl (curl_https_transport.hpp), the fake one answers from a script (fake_https_transport.hpp).

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/store/kiosk_keys.hpp"

namespace kiosk::sync {

struct HttpRequest {
  std::string method = "POST";
  std::string path;  // e.g. "/v1/records"
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::optional<std::string> retry_after;  // the Retry-After header, as sent
};

enum class TransportErrc {
  Unreachable,          // no connection: refused, no route, no such host
  Timeout,              // connect or whole-request timeout
  CertificateMismatch,  // the server is not the pinned head office: nothing was sent
  TlsFailed,            // the TLS handshake failed for another reason
  Interrupted,          // interrupt() was called: the kiosk is stopping
  Failed,               // anything else (a reply cut midway, a protocol error)
};

std::string_view to_string(TransportErrc code);

struct TransportError {
  TransportErrc code;
  std::string detail;  // libcurl's words, for the log
};

class HttpsTransport {
 public:
  virtual ~HttpsTransport() = default;
  virtual Expected<HttpResponse, TransportError> send(const HttpRequest& request) = 0;
  // Makes a send in progress (and any later one) return Interrupted soon. Thread-safe.
  virtual void interrupt() = 0;
};

// Where head office is and what it must prove to be it.
struct PinnedEndpoint {
  std::string base_url;                  // "https://host:port", no trailing slash
  std::string certificate_pem;           // head office's certificate: the only CA trusted
  std::array<unsigned char, 32> spki{};  // SHA-256 of its public key: pinned as well
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};
};

// An enrolled kiosk's head office: `base_url` (a trailing slash is dropped) and what it pinned.
PinnedEndpoint pinned_endpoint(std::string base_url, const store::HeadOfficeTrust& trust,
                               std::chrono::milliseconds connect_timeout,
                               std::chrono::milliseconds total_timeout);

// Parses Retry-After as a number of seconds (head office sends seconds); empty otherwise.
std::optional<std::chrono::seconds> retry_after_seconds(const std::optional<std::string>& header);

}  // namespace kiosk::sync
