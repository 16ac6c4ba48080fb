#pragma once
// What the fault-proxy tests share: a kiosk enrolled with a real head office (consent-hq's server
// in this process, on SQLite or PostgreSQL), its real uploader and libcurl transport talking to
// head office through a FaultProxy; servers that answer in head office's place; another writer
// holding head office's database.

#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <optional>
#include <sstream>

#include "fault_proxy.hpp"
#include "https_test_server.hpp"
#include "kiosk/hq/hq_config.hpp"
#include "kiosk/sync/curl_https_transport.hpp"
#include "kiosk/sync/kiosk_enrollment.hpp"
#include "kiosk/sync/outbox_uploader.hpp"
#include "store_fixtures.hpp"
#include "test_head_office.hpp"

namespace fault_proxy_fixtures {

using namespace kiosk;
using namespace kiosk::sync;
using namespace std::chrono_literals;

inline constexpr int kRecords = 30;
inline constexpr std::size_t kBatch = 10;
inline constexpr const char* kKioskId = "test-kiosk";  // store_fixtures::options_for's

inline std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The kiosk's files, written as `kioskctl provision` writes them after enrolling for real.
inline EnrolledKioskFiles enroll(testing::TestHeadOffice& hq, const std::filesystem::path& folder) {
  const store::KioskSecrets secrets = store::generate_kiosk_secrets();
  auto enrolled =
      enroll_with_head_office(hq.url(), kKioskId, hq.token_for(kKioskId), secrets.signing.public_key, 10s);
  if (!enrolled) throw std::runtime_error("enroll: " + enrolled.error().detail);
  EnrolledKioskFiles files{
      folder / "kiosk.db",
      {folder / "kiosk.db.hq.pub", folder / "kiosk.db.hq-identity.pub", folder / "kiosk.db.hq.crt"}};
  const protocol::EnrollGrant& grant = enrolled->grant;
  auto written = store::write_enrolled_keys(
      files.database, files.head_office, secrets,
      {grant.box_keys.back(), grant.head_office_signing_key, grant.certificate_pem});
  if (!written) throw std::runtime_error("keys: " + written.error().detail);
  return files;
}

// An HTTPS server that holds head office's own certificate and key, as a load balancer in front
// of it would, and answers every upload with `status`: the kiosk's pin holds, the answer is real.
class FrontAnswering {
 public:
  FrontAnswering(testing::TestHeadOffice& hq, int status, std::string retry_after)
      : https_(
            TestCertificate{hq.certificate_pem(), file_text(hq::load_hq_config(hq.config_file())->tls_key)}) {
    https_.routes().Post(".*", [this, status, retry_after](const httplib::Request&, httplib::Response& res) {
      ++uploads_;
      res.status = status;
      if (!retry_after.empty()) res.set_header("Retry-After", retry_after);
      res.set_content(protocol::to_json(protocol::ErrorBody{"busy", "try again later"}), "application/json");
    });
    https_.start();
  }
  int port() const { return https_.port(); }
  int uploads() const { return uploads_; }

 private:
  std::atomic<int> uploads_{0};
  HttpsTestServer https_;  // last: stops before the rest goes
};

// What another writer does to head office's database: holds SQLite's write lock, or on
// PostgreSQL an exclusive lock on the records table, until it goes.
class HeadOfficeDatabaseHeld {
 public:
  explicit HeadOfficeDatabaseHeld(testing::TestHeadOffice& hq) {
    if (hq.database_url().empty()) {
      auto db = store::SqliteDatabase::open(hq.dir() / hq::file_names::kSqliteDatabase,
                                            store::OpenFlags{false, {}, false, false});
      if (!db || !db->exec("BEGIN IMMEDIATE")) throw std::runtime_error("cannot hold head office's database");
      sqlite_.emplace(std::move(*db));
      return;
    }
    postgres_ = PQconnectdb(hq.database_url().c_str());
    PGresult* result = PQexec(postgres_, "BEGIN; LOCK TABLE records IN EXCLUSIVE MODE");
    const bool held = PQresultStatus(result) == PGRES_COMMAND_OK;
    PQclear(result);
    if (!held) {
      PQfinish(postgres_);
      throw std::runtime_error("cannot hold head office's database");
    }
  }
  ~HeadOfficeDatabaseHeld() {
    if (postgres_ != nullptr) PQfinish(postgres_);
  }
  HeadOfficeDatabaseHeld(const HeadOfficeDatabaseHeld&) = delete;
  HeadOfficeDatabaseHeld& operator=(const HeadOfficeDatabaseHeld&) = delete;

 private:
  std::optional<store::SqliteDatabase> sqlite_;
  PGconn* postgres_ = nullptr;
};

struct KioskBehindProxy {
  // A short busy timeout: while a test holds head office's database, it answers 503 at once.
  testing::TestHeadOffice hq;
  FaultProxy proxy{hq.port()};  // after hq: it goes first, and its probe reads hq
  ScratchDir dir{"fault-proxy-kiosk"};
  EnrolledKioskFiles kiosk = enroll(hq, dir.path());
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  MemoryLogger logger;
  std::vector<std::string> committed;
  std::unique_ptr<CurlHttpsTransport> transport;
  std::unique_ptr<OutboxUploader> uploader;

  explicit KioskBehindProxy(testing::HqBackend backend = testing::HqBackend::Sqlite)
      : hq(backend, nullptr, [](hq::HqConfig& config) { config.busy_timeout_ms = 100; }) {
    commit(kRecords);
    connect(2s, 10s);
  }

  store::StoreOptions options() const {
    return store_fixtures::options_for(kiosk.database, {}, kiosk.policy());
  }

  void commit(int count) {
    auto consents = store::ConsentService::open(options(), store_fixtures::shipped_model(), clock, logger);
    REQUIRE(consents.has_value());
    for (int i = 0; i < count; ++i) {
      auto client = consents->identify(store_fixtures::known_people()[static_cast<std::size_t>(i) % 3]);
      REQUIRE(client.has_value());
      committed.push_back(
          store_fixtures::commit_choice(*consents, *client, "marketing-analysis",
                                        i % 2 ? consent::Decision::Granted : consent::Decision::Refused));
    }
  }

  // A new transport and uploader (as after a kiosk restart), talking to the proxy.
  void connect(std::chrono::milliseconds connect_timeout, std::chrono::milliseconds total_timeout) {
    uploader.reset();
    transport = std::make_unique<CurlHttpsTransport>(
        PinnedEndpoint{proxy.url(), hq.certificate_pem(), hq.spki(), connect_timeout, total_timeout});
    UploaderSettings settings;
    settings.max_batch_records = kBatch;
    settings.retry.seed = 7;
    auto opened = OutboxUploader::open(options(), *transport, settings, clock, logger);
    if (!opened) FAIL("uploader: " << opened.error().detail);
    uploader = std::move(*opened);
  }

  // The kiosk waits until its next attempt is due (on its own clock), then drains.
  DrainReport drain_when_due() {
    const auto wait = uploader->next_attempt() - clock.steady_now();
    if (wait > wait.zero()) clock.advance(std::chrono::ceil<std::chrono::milliseconds>(wait));
    return uploader->drain();
  }

  std::int64_t outbox(const std::string& sql) {
    auto db = store::SqliteDatabase::open(kiosk.database, store::OpenFlags{false, {}, true, false});
    REQUIRE(db.has_value());
    auto value = db->query_int(sql);
    REQUIRE(value.has_value());
    return *value;
  }
  std::int64_t pending() { return outbox("SELECT count(*) FROM outbox"); }
  // The envelopes of the batch the kiosk sends first.
  std::size_t first_batch_bytes() {
    return static_cast<std::size_t>(
        outbox("SELECT sum(length(envelope)) FROM (SELECT envelope FROM outbox "
               "ORDER BY rowid LIMIT " +
               std::to_string(kBatch) + ")"));
  }

  hq::RecordCounts stored() {
    auto counts = hq.storage().counts();
    REQUIRE(counts.has_value());
    return *counts;
  }
  std::vector<std::string> stored_ids() {
    std::vector<std::string> ids;
    REQUIRE(hq.storage().each_record_id([&](std::string_view id) { ids.emplace_back(id); }).has_value());
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // Records head office stored or acknowledged again as duplicates: its metrics count an
  // upload's records once they are committed, before it answers. Also called on the proxy's
  // threads, so it asserts nothing (Catch2 asserts on the test's thread only).
  std::uint64_t acknowledged_by_head_office() const {
    const std::string text = hq.metrics().prometheus_text(0);
    std::uint64_t total = 0;
    for (const std::string name :
         {"consent_hq_records_stored_total ", "consent_hq_records_duplicate_total "}) {
      const auto at = text.find("\n" + name);
      if (at != std::string::npos) total += std::stoull(text.substr(at + 1 + name.size()));
    }
    return total;
  }

  // A reply fault: the upload goes through, head office commits it, its answer does not reach the
  // kiosk. The proxy's probe says "committed" once head office has acknowledged more than now.
  DrainReport drain_losing_reply(ProxyFault fault) {
    const std::uint64_t before = acknowledged_by_head_office();
    proxy.set_commit_probe([this, before] { return acknowledged_by_head_office() > before; });
    proxy.set_fault(fault);
    const std::int64_t waiting = pending();
    const DrainReport report = drain_when_due();
    CHECK(report.acked == 0);
    CHECK(acknowledged_by_head_office() == before + kBatch);  // committed, never acknowledged
    CHECK(pending() == waiting);
    return report;
  }

  // Every record the kiosk committed is still in its outbox or held by head office.
  void check_nothing_lost() {
    auto db = store::SqliteDatabase::open(kiosk.database, store::OpenFlags{false, {}, true, false});
    REQUIRE(db.has_value());
    std::vector<std::string> held = stored_ids();
    for (const std::string& id : committed) {
      auto waiting = db->prepare("SELECT count(*) FROM outbox WHERE record_id = ?");
      REQUIRE(waiting.has_value());
      auto row = waiting->bind(1, id).step();
      REQUIRE((row.has_value() && *row));
      INFO(id);
      CHECK((waiting->column_int(0) == 1 || std::binary_search(held.begin(), held.end(), id)));
    }
  }

  // The network behaves again: everything committed reaches head office, each record once.
  void deliver_everything() { deliver_everything_to(hq.port()); }
  void deliver_everything_to(int head_office_port) {
    proxy.set_fault(ProxyFault::None);
    proxy.set_upstream(head_office_port);
    connect(2s, 10s);
    const DrainReport report = drain_when_due();
    INFO(report.last_error);
    CHECK(report.last_error.empty());
    CHECK(pending() == 0);
    CHECK(outbox("SELECT count(*) FROM outbox_quarantine") == 0);
    const hq::RecordCounts counts = stored();
    CHECK(counts.records == static_cast<std::int64_t>(committed.size()));
    CHECK(counts.distinct == static_cast<std::int64_t>(committed.size()));
    std::vector<std::string> expected = committed;
    std::sort(expected.begin(), expected.end());
    CHECK(stored_ids() == expected);
  }
};

}  // namespace fault_proxy_fixtures
