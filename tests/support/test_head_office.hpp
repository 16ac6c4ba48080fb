#pragma once
// A real head office for tests, on SQLite or on a fresh database of the fixture's PostgreSQL:
// `consent-hq init` in a scratch folder (listening on 127.0.0.1, a free port), then serving over
// HTTPS in a background thread of the test process. Also: enrollment tokens, a kiosk enrolled
// through the real /v1/enroll, and the real `consent-hq serve` binary as a child process.
//
//   kiosk::testing::TestHeadOffice hq;                       // SQLite
//   kiosk::testing::TestHeadOffice pg(HqBackend::Postgres);  // needs the ctest fixture `postgres`
//   std::string token = hq.token_for("kiosk-7");             // what `consent-hq enroll` prints
//   kioskctl provision --hq-url hq.url() --token token ...

#include <csignal>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "hq_https_client.hpp"
#include "kiosk/hq/enrollment_desk.hpp"
#include "kiosk/hq/head_office.hpp"
#include "kiosk/hq/head_office_init.hpp"
#include "kiosk/hq/head_office_server.hpp"
#include "kiosk/protocol/certificate_pin.hpp"
#include "kiosk/protocol/enrollment.hpp"
#include "scratch_dir.hpp"
#include "scratch_postgres.hpp"
#include "sealing_kiosk.hpp"

namespace kiosk::testing {

enum class HqBackend { Sqlite, Postgres };

// A kiosk that enrolled through POST /v1/enroll: its key, and what head office granted.
struct EnrolledKiosk {
  std::string kiosk_id;
  seal::SigningKeyPair key;
  protocol::EnrollGrant grant;
};

// What `kioskctl provision` does, for tests: a fresh key, the proof bound to the certificate head
// office shows, the grant's MAC checked. Throws when head office refuses.
inline EnrolledKiosk enroll_over_https(HqHttpsClient& client, const protocol::EnrollmentToken& token,
                                       const std::string& kiosk_id, const std::string& certificate_pem) {
  auto spki = protocol::spki_digest_of_certificate(certificate_pem);
  if (!spki) throw std::runtime_error("the certificate does not parse");
  EnrolledKiosk kiosk{kiosk_id, seal::generate_signing_key_pair(), {}};
  protocol::EnrollRequest request{kiosk_id, token.id(), kiosk.key.public_key,
                                  protocol::enrollment_proof(token, kiosk_id, kiosk.key.public_key, *spki)};
  const HqReply reply = client.post(std::string(protocol::kEnrollPath), protocol::to_json(request));
  if (reply.status != 200) throw std::runtime_error("enroll " + kiosk_id + ": " + reply.body);
  auto grant = protocol::open_grant_body(reply.body, token);
  if (!grant) throw std::runtime_error("enroll " + kiosk_id + ": the grant does not open");
  kiosk.grant = std::move(*grant);
  return kiosk;
}

// Seals as the enrolled kiosk does: its id, its key, head office's newest granted box key.
inline SealingKiosk sealing_as(const EnrolledKiosk& kiosk) {
  SealingKiosk sealing(kiosk.kiosk_id, kiosk.grant.box_keys.back());
  sealing.use_key(kiosk.key);
  return sealing;
}

class TestHeadOffice {
 public:
  // `adjust` may change the configuration init wrote before the head office opens (threads,
  // busy timeout, ...).
  explicit TestHeadOffice(HqBackend backend = HqBackend::Sqlite, const Clock* clock = nullptr,
                          const std::function<void(hq::HqConfig&)>& adjust = {})
      : clock_(clock ? clock : &system_clock_) {
    std::signal(SIGPIPE, SIG_IGN);
    if (backend == HqBackend::Postgres) database_.emplace();
    hq::InitOptions options;
    options.dir = dir_.path() / "hq";
    options.listen = {"127.0.0.1", 0};
    options.database = database_ ? database_->url() : std::string();
    auto report = hq::init_head_office(options, *clock_);
    if (!report) throw std::runtime_error("consent-hq init: " + report.error().detail);
    auto config = hq::load_hq_config(report->config_file);
    if (!config) throw std::runtime_error(config.error().detail);
    config_ = *config;
    if (adjust) adjust(config_);
    start();
  }
  ~TestHeadOffice() { stop(); }
  TestHeadOffice(const TestHeadOffice&) = delete;
  TestHeadOffice& operator=(const TestHeadOffice&) = delete;

  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  std::filesystem::path dir() const { return dir_.path() / "hq"; }
  std::filesystem::path config_file() const { return dir() / "hq.toml"; }
  std::filesystem::path certificate_file() const { return config_.certificate; }
  const std::string& certificate_pem() const { return head_office_->certificate_pem(); }
  const protocol::SpkiDigest& spki() const { return head_office_->spki(); }
  std::string curl_pin() const { return protocol::curl_pinned_public_key(spki()); }
  const seal::SigningPublicKey& identity_public_key() const {
    return head_office_->secrets().identity.public_key;
  }
  seal::HeadOfficeBoxKey newest_box_key() {
    return seal::head_office_key_of(head_office_->box_keys().current()->newest());
  }
  // The PostgreSQL URL, or empty for SQLite.
  std::string database_url() const { return database_ ? database_->url() : std::string(); }
  // PostgreSQL only: the database goes away under the running head office.
  void drop_database() {
    if (database_) database_->drop();
  }

  hq::HeadOffice& head_office() { return *head_office_; }
  hq::HeadOfficeStorage& storage() { return head_office_->storage(); }
  const hq::HqMetrics& metrics() const { return server_->metrics(); }
  const MemoryLogger& logger() const { return logger_; }

  HqHttpsClient client() const { return HqHttpsClient(port_, certificate_file()); }

  // What `consent-hq enroll --kiosk-id ID` prints as its token.
  protocol::EnrollmentToken token_for(const std::string& kiosk_id,
                                      std::chrono::hours ttl = std::chrono::hours(24)) {
    auto issued = hq::issue_enrollment_token(storage(), kiosk_id, ttl, *clock_);
    if (!issued) throw std::runtime_error("enroll: " + issued.error().detail);
    return issued->token;
  }

  // A kiosk enrolled as `kioskctl provision` would (see enroll_over_https).
  EnrolledKiosk enroll(const std::string& kiosk_id) {
    auto https = client();
    return enroll_over_https(https, token_for(kiosk_id), kiosk_id, certificate_pem());
  }

  // Stops serving: connections are refused until restart(), on the same port.
  void stop() {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }
  void restart() {
    stop();
    config_.listen.port = port_;
    start();
  }

 private:
  void start() {
    if (!head_office_) {
      auto opened = hq::HeadOffice::open(config_, *clock_, logger_);
      if (!opened) throw std::runtime_error("open head office: " + opened.error().detail);
      head_office_ = std::move(*opened);
    }
    server_ = std::make_unique<hq::HeadOfficeServer>(*head_office_);
    auto port = server_->bind();
    if (!port) throw std::runtime_error("bind: " + port.error().detail);
    port_ = *port;
    thread_ = std::thread([this] { server_->serve(); });
  }

  ScratchDir dir_{"hq-test"};
  std::optional<ScratchPostgresDatabase> database_;
  SystemClock system_clock_;
  const Clock* clock_;
  MemoryLogger logger_;
  hq::HqConfig config_;
  std::unique_ptr<hq::HeadOffice> head_office_;
  std::unique_ptr<hq::HeadOfficeServer> server_;
  std::thread thread_;
  int port_ = 0;
};

inline std::string consent_hq_binary() {
  return std::string(KIOSK_BINARY_DIR) + "/sync/hq/consent-hq";
}

// The real `consent-hq serve --config FILE` as a child process: its port from the line it prints.
class ServeProcess {
 public:
  explicit ServeProcess(const std::filesystem::path& config, const std::string& stderr_file = "")
      : child_({consent_hq_binary(), "serve", "--config", config.string()}, stderr_file) {
    auto line = child_.read_line(std::chrono::seconds(30));
    const auto printed = nlohmann::json::parse(line.value_or(""), nullptr, false);
    if (!printed.is_object() || !printed.contains("listening")) {
      throw std::runtime_error("consent-hq serve did not start: " + line.value_or("(no output)"));
    }
    const std::string listening = printed["listening"].get<std::string>();
    port_ = std::stoi(listening.substr(listening.rfind(':') + 1));
  }
  int port() const { return port_; }
  // SIGTERM, then the wait status.
  int terminate() {
    child_.terminate();
    return child_.wait();
  }
  // SIGKILL: head office dies wherever it is, then the wait status.
  int kill_hard() {
    child_.kill_hard();
    return child_.wait();
  }

 private:
  ChildProcess child_;
  int port_ = 0;
};

}  // namespace kiosk::testing
