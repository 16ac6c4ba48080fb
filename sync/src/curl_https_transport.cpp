#include "kiosk/sync/curl_https_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

#include "kiosk/protocol/certificate_pin.hpp"

namespace kiosk::sync {
namespace {

// Head office's answers are small; a flood from a wrong server stops here.
constexpr std::size_t kMaxResponseBytes = std::size_t{8} << 20;

struct Collected {
  std::string body;
  std::optional<std::string> retry_after;
  bool overflow = false;
};

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* collected = static_cast<Collected*>(user);
  const std::size_t bytes = size * count;
  if (collected->body.size() + bytes > kMaxResponseBytes) {
    collected->overflow = true;
    return 0;  // libcurl aborts the transfer
  }
  collected->body.append(data, bytes);
  return bytes;
}

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* collected = static_cast<Collected*>(user);
  const std::size_t bytes = size * count;
  std::string_view line(data, bytes);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size() && std::equal(kName.begin(), kName.end(), line.begin(), [](char a, char b) {
        return a == std::tolower(static_cast<unsigned char>(b));
      })) {
    std::string value(line.substr(kName.size()));
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t\r\n");
    collected->retry_after =
        first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
  }
  return bytes;
}

int check_interrupt(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<std::atomic<bool>*>(user)->load() ? 1 : 0;
}

TransportErrc classify(CURLcode code) {
  switch (code) {
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_PEER_FAILED_VERIFICATION: return TransportErrc::CertificateMismatch;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE: return TransportErrc::TlsFailed;
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return TransportErrc::Unreachable;
    case CURLE_OPERATION_TIMEDOUT: return TransportErrc::Timeout;
    case CURLE_ABORTED_BY_CALLBACK: return TransportErrc::Interrupted;
    default: return TransportErrc::Failed;
  }
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  void add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
};

struct EasyHandle {
  CURL* easy;
  ~EasyHandle() { curl_easy_cleanup(easy); }
};

}  // namespace

std::string_view to_string(TransportErrc code) {
  switch (code) {
    case TransportErrc::Unreachable: return "unreachable";
    case TransportErrc::Timeout: return "timeout";
    case TransportErrc::CertificateMismatch: return "certificate-mismatch";
    case TransportErrc::TlsFailed: return "tls-failed";
    case TransportErrc::Interrupted: return "interrupted";
    case TransportErrc::Failed: return "transport-failed";
  }
  return "transport-error";
}

std::optional<std::chrono::seconds> retry_after_seconds(const std::optional<std::string>& header) {
  if (!header || header->empty() || header->size() > 9) return std::nullopt;
  if (!std::all_of(header->begin(), header->end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::chrono::seconds{std::stoll(*header)};
}

PinnedEndpoint pinned_endpoint(std::string base_url, const store::HeadOfficeTrust& trust,
                               std::chrono::milliseconds connect_timeout,
                               std::chrono::milliseconds total_timeout) {
  while (base_url.ends_with('/')) base_url.pop_back();
  return {std::move(base_url), trust.certificate_pem, trust.certificate_spki, connect_timeout, total_timeout};
}

CurlHttpsTransport::CurlHttpsTransport(PinnedEndpoint endpoint)
    : endpoint_(std::move(endpoint)), pinned_key_(protocol::curl_pinned_public_key(endpoint_.spki)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  easy_ = curl_easy_init();
}

CurlHttpsTransport::~CurlHttpsTransport() {
  curl_easy_cleanup(static_cast<CURL*>(easy_));
}

Expected<HttpResponse, TransportError> CurlHttpsTransport::send(const HttpRequest& request) {
  auto* easy = static_cast<CURL*>(easy_);
  if (easy == nullptr) return fail(TransportError{TransportErrc::Failed, "libcurl could not start"});
  if (interrupted_) return fail(TransportError{TransportErrc::Interrupted, "stopping"});
  // Options are set again each time (a reset keeps the connection cache: keep-alive survives).
  curl_easy_reset(easy);
  const std::string url = endpoint_.base_url + request.path;
  curl_blob ca{const_cast<char*>(endpoint_.certificate_pem.data()), endpoint_.certificate_pem.size(),
               CURL_BLOB_COPY};
  Collected collected;
  char error_text[CURL_ERROR_SIZE] = {};
  HeaderList headers;
  headers.add("Content-Type: application/json");
  headers.add("Expect:");  // no 100-continue round trip before a batch
  for (const auto& [name, value] : request.headers) headers.add(name + ": " + value);

  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(easy, CURLOPT_CAINFO_BLOB, &ca);
  curl_easy_setopt(easy, CURLOPT_CAPATH, nullptr);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(easy, CURLOPT_PINNEDPUBLICKEY, pinned_key_.c_str());
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(endpoint_.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(endpoint_.total_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // threads: timeouts without SIGALRM
  curl_easy_setopt(easy, CURLOPT_USERAGENT, "consent-kiosk");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &collected);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &collected);
  curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, check_interrupt);
  curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &interrupted_);
  if (request.method == "GET") {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }

  const CURLcode code = curl_easy_perform(easy);
  if (code != CURLE_OK) {
    const TransportErrc kind = collected.overflow ? TransportErrc::Failed : classify(code);
    std::string detail = curl_easy_strerror(code);
    if (error_text[0] != 0) detail += std::string(": ") + error_text;
    return fail(TransportError{kind, std::move(detail)});
  }
  HttpResponse response;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
  response.body = std::move(collected.body);
  response.retry_after = std::move(collected.retry_after);
  return response;
}

Expected<std::string, CertificateFetchError> fetch_server_certificate(const std::string& base_url,
                                                                      std::chrono::milliseconds timeout) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  EasyHandle handle{curl_easy_init()};
  if (handle.easy == nullptr) return fail(CertificateFetchError{CertificateFetchErrc::Failed, "libcurl"});
  CURL* easy = handle.easy;
  const std::string url = base_url + "/v1/health";
  Collected ignored;
  char error_text[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "https");
  // Only to see which certificate the server shows: whatever it is, it is pinned from the next
  // request on, and head office's proof binds it (a man in the middle cannot pass it on).
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
  curl_easy_setopt(easy, CURLOPT_CERTINFO, 1L);
  curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &ignored);
  const CURLcode code = curl_easy_perform(easy);
  if (code != CURLE_OK) {
    const auto kind = classify(code) == TransportErrc::Unreachable || classify(code) == TransportErrc::Timeout
                          ? CertificateFetchErrc::Unreachable
                          : CertificateFetchErrc::Failed;
    return fail(CertificateFetchError{kind, std::string(curl_easy_strerror(code)) + ": " + error_text});
  }
  curl_certinfo* info = nullptr;
  curl_easy_getinfo(easy, CURLINFO_CERTINFO, &info);
  if (info == nullptr || info->num_of_certs < 1) {
    return fail(
        CertificateFetchError{CertificateFetchErrc::NoCertificate, "the server showed no certificate"});
  }
  constexpr std::string_view kField = "Cert:";
  for (curl_slist* field = info->certinfo[0]; field != nullptr; field = field->next) {
    const std::string_view text(field->data);
    if (text.starts_with(kField)) return std::string(text.substr(kField.size()));
  }
  return fail(
      CertificateFetchError{CertificateFetchErrc::NoCertificate, "no PEM in the certificate details"});
}

}  // namespace kiosk::sync
