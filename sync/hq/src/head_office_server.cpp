#include "kiosk/hq/head_office_server.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/hq/client_state.hpp"
#include "kiosk/hq/enrollment_desk.hpp"
#include "kiosk/hq/gap_report.hpp"
#include "kiosk/hq/record_ingest.hpp"
#include "kiosk/protocol/request_signature.hpp"
#include "kiosk/seal/signature.hpp"

namespace kiosk::hq {
namespace {

constexpr const char* kJson = "application/json";
constexpr std::string_view kComponent = "hq-server";

void answer_error(httplib::Response& res, int status, std::string_view code, std::string_view message) {
  res.status = status;
  res.set_content(protocol::to_json(protocol::ErrorBody{std::string(code), std::string(message)}), kJson);
}

// A busy or unreachable database: the kiosk keeps the batch and comes back after Retry-After.
void answer_storage_error(httplib::Response& res, const HqError& error, Logger& logger) {
  if (error.retryable()) {
    res.set_header("Retry-After", error.code == HqErrc::StorageBusy ? "1" : "5");
    answer_error(res, 503, "unavailable", "the head office database is busy or unreachable: retry later");
  } else {
    answer_error(res, 500, "internal", "head office could not store or read: see its log");
  }
  logger.error(kComponent, std::string(to_string(error.code)) + ": " + error.detail);
}

std::string route_of(const std::string& path) {
  for (std::string_view known :
       {protocol::kHealthPath, protocol::kEnrollPath, protocol::kRecordsPath, protocol::kClientStatePath,
        protocol::kAdminGapsPath, protocol::kMetricsPath}) {
    if (path == known) return path;
  }
  if (path.starts_with(protocol::kKiosksPath) && path.ends_with(protocol::kKeysSuffix))
    return "/v1/kiosks/{id}/keys";
  return "other";
}

std::string_view code_for_status(int status) {
  switch (status) {
    case 400: return "malformed";
    case 404: return "not-found";
    case 405: return "method-not-allowed";
    case 413: return "too-large";
    case 414: return "too-large";
    default: return status >= 500 ? "internal" : "refused";
  }
}

}  // namespace

std::string_view consent_hq_version() {
  return KIOSK_HQ_VERSION;
}

struct HeadOfficeServer::Routes {
  explicit Routes(HeadOffice& office)
      : head_office(office),
        openers(std::max(1u, std::thread::hardware_concurrency()) - 1),
        ingest(office.storage(), office.box_keys(), office.secrets().clients, office.clock(), &openers),
        server(office.config().certificate.c_str(), office.config().tls_key.c_str()) {}

  HeadOffice& head_office;
  // Before the server: its request threads use them, and are all gone before they are.
  OpeningWorkers openers;
  RecordIngest ingest;
  httplib::SSLServer server;
  HqMetrics metrics;
  std::atomic<bool> stopping{false};
  std::atomic<bool> serving{false};

  Logger& logger() { return head_office.logger(); }

  // The kiosk's enrolled keys when its request signature holds under one of them.
  std::optional<std::vector<seal::SigningPublicKey>> authenticate(const httplib::Request& req,
                                                                  httplib::Response& res) {
    const std::string kiosk_id = req.get_header_value(std::string(protocol::kKioskIdHeader));
    const std::string signature = req.get_header_value(std::string(protocol::kKioskSignatureHeader));
    auto keys = head_office.storage().kiosk_keys(kiosk_id);
    if (!keys) {
      answer_storage_error(res, keys.error(), logger());
      return std::nullopt;
    }
    if (kiosk_id.empty() || keys->empty()) {
      answer_error(res, 401, "kiosk-unknown", "no kiosk of that id is enrolled");
      return std::nullopt;
    }
    for (const auto& key : *keys) {
      if (protocol::request_signature_holds(signature, req.method, req.path, req.body, key))
        return std::move(*keys);
    }
    answer_error(res, 401, "bad-signature", "the request signature does not hold under the kiosk's keys");
    return std::nullopt;
  }

  void health(httplib::Response& res) {
    const protocol::Health health{"consent-hq", std::string(consent_hq_version()),
                                  consent::format_utc(head_office.clock().now())};
    res.set_content(protocol::to_json(health), kJson);
  }

  void enroll(const httplib::Request& req, httplib::Response& res) {
    auto enrolled = enroll_kiosk(head_office, req.body);
    if (!enrolled) {
      const EnrollError& error = enrolled.error();
      metrics.count_enrollment(to_string(error.refusal));
      if (error.refusal == EnrollRefusal::Storage) return answer_storage_error(res, error.error, logger());
      logger().warn(kComponent, "enrollment refused: " + std::string(to_string(error.refusal)));
      const int status = error.refusal == EnrollRefusal::Malformed ? 400 : 403;
      return answer_error(res, status, to_string(error.refusal), error.error.detail);
    }
    metrics.count_enrollment("enrolled");
    logger().info(kComponent, "kiosk " + enrolled->kiosk_id + " enrolled a signing key");
    res.set_content(enrolled->response_body, kJson);
  }

  void records(const httplib::Request& req, httplib::Response& res) {
    auto keys = authenticate(req, res);
    if (!keys) return;
    auto batch = protocol::parse_upload_batch(req.body);
    if (!batch) {
      if (batch.error().code == protocol::ParseErrc::TooLarge) {
        return answer_error(res, 413, "too-large", "at most 500 records and 4 MiB per request");
      }
      return answer_error(
          res, 400, "malformed",
          "upload body: " + std::string(protocol::to_string(batch.error().code)) + " " + batch.error().field);
    }
    const std::string kiosk_id = req.get_header_value(std::string(protocol::kKioskIdHeader));
    auto results = ingest.ingest(kiosk_id, *keys, *batch);
    if (!results) return answer_storage_error(res, results.error(), logger());
    metrics.count_batch(*results);
    for (const auto& result : *results) {
      if (!result.acknowledged())
        logger().warn(kComponent,
                      "kiosk " + kiosk_id + " record " + result.record_id + " rejected: " + result.code);
    }
    protocol::UploadResponse response;
    response.results = std::move(*results);
    const auto keyring = head_office.box_keys().current();
    response.box_key = protocol::announce_box_key(seal::head_office_key_of(keyring->newest()),
                                                  head_office.secrets().identity);
    res.set_content(protocol::to_json(response), kJson);
  }

  void client_state(const httplib::Request& req, httplib::Response& res) {
    if (!authenticate(req, res)) return;
    const std::string kiosk_id = req.get_header_value(std::string(protocol::kKioskIdHeader));
    auto answer = answer_client_state(head_office, kiosk_id, req.body);
    if (!answer) {
      const QuestionError& error = answer.error();
      if (error.refusal == QuestionRefusal::Storage) return answer_storage_error(res, error.error, logger());
      return answer_error(
          res, 400, error.refusal == QuestionRefusal::Malformed ? "malformed" : to_string(error.refusal),
          error.error.detail);
    }
    res.set_content(*answer, kJson);
  }

  void kiosk_keys(const httplib::Request& req, httplib::Response& res) {
    const std::string kiosk_id = req.matches[1];
    auto keys = head_office.storage().kiosk_keys(kiosk_id);
    if (!keys) return answer_storage_error(res, keys.error(), logger());
    if (keys->empty()) return answer_error(res, 404, "kiosk-unknown", "no kiosk of that id is enrolled");
    res.set_content(protocol::to_json(protocol::KioskKeys{kiosk_id, *keys}), kJson);
  }

  void admin_gaps(const httplib::Request& req, httplib::Response& res) {
    const std::string expected = "Bearer " + head_office.secrets().admin_token;
    const std::string given = req.get_header_value("Authorization");
    if (!seal::equal_secret(seal::bytes_of(given), seal::bytes_of(expected))) {
      return answer_error(res, 401, "unauthorized",
                          "the admin endpoints need Authorization: Bearer ADMIN_TOKEN");
    }
    auto report = gap_report_json_of(head_office.storage());
    if (!report) return answer_storage_error(res, report.error(), logger());
    res.set_content(*report, kJson);
  }

  void metrics_text(httplib::Response& res) {
    auto kiosks = head_office.storage().enrolled_kiosks();
    if (!kiosks) return answer_storage_error(res, kiosks.error(), logger());
    res.set_content(metrics.prometheus_text(*kiosks), "text/plain; version=0.0.4");
  }

  void install() {
    const HqConfig& config = head_office.config();
    // Kiosks speak TLS 1.2 or 1.3 (libcurl on Debian 12); nothing older is offered.
    if (SSL_CTX* context = server.ssl_context()) SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(static_cast<std::size_t>(config.keep_alive_max_requests));
    server.set_keep_alive_timeout(config.keep_alive_timeout_seconds);
    server.set_read_timeout(30, 0);
    server.set_write_timeout(30, 0);
    server.set_payload_max_length(protocol::kMaxBodyBytes);
    const auto threads = static_cast<std::size_t>(config.threads);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };

    server.Get(std::string(protocol::kHealthPath), [this](const auto&, auto& res) { health(res); });
    server.Post(std::string(protocol::kEnrollPath), [this](const auto& req, auto& res) { enroll(req, res); });
    server.Post(std::string(protocol::kRecordsPath),
                [this](const auto& req, auto& res) { records(req, res); });
    server.Post(std::string(protocol::kClientStatePath),
                [this](const auto& req, auto& res) { client_state(req, res); });
    server.Get(
        std::string(protocol::kKiosksPath) + "([A-Za-z0-9._-]{1,128})" + std::string(protocol::kKeysSuffix),
        [this](const auto& req, auto& res) { kiosk_keys(req, res); });
    server.Get(std::string(protocol::kAdminGapsPath),
               [this](const auto& req, auto& res) { admin_gaps(req, res); });
    server.Get(std::string(protocol::kMetricsPath), [this](const auto&, auto& res) { metrics_text(res); });

    // Whatever httplib answers by itself (413, 404, 400) still has the protocol's error shape.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          answer_error(res, res.status, code_for_status(res.status), "refused by head office's HTTP layer");
          return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      logger().error(kComponent, "a request handler threw");
      answer_error(res, 500, "internal", "head office failed on this request: see its log");
    });
    server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      metrics.count_request(route_of(req.path), res.status);
    });
  }
};

HeadOfficeServer::HeadOfficeServer(HeadOffice& head_office) : routes_(std::make_unique<Routes>(head_office)) {
  routes_->install();
}

HeadOfficeServer::~HeadOfficeServer() {
  stop();
}

Expected<int, HqError> HeadOfficeServer::bind() {
  if (!routes_->server.is_valid()) {
    return fail(HqError{HqErrc::Tls, "cannot load the TLS certificate or its key"});
  }
  const ListenAddress& listen = routes_->head_office.config().listen;
  int port = listen.port;
  if (port == 0) {
    port = routes_->server.bind_to_any_port(listen.host);
  } else if (!routes_->server.bind_to_port(listen.host, port)) {
    port = -1;
  }
  if (port <= 0) return fail(HqError{HqErrc::BadInput, "cannot listen on " + listen.text()});
  return port;
}

void HeadOfficeServer::serve() {
  routes_->serving = true;
  if (!routes_->stopping) routes_->server.listen_after_bind();
  routes_->serving = false;
}

void HeadOfficeServer::stop() {
  routes_->stopping = true;
  // serve() may be between its check and the listening loop: stop until it has left.
  while (routes_->serving) {
    routes_->server.stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

const HqMetrics& HeadOfficeServer::metrics() const {
  return routes_->metrics;
}

}  // namespace kiosk::hq
