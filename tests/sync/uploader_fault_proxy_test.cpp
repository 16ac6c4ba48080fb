// End to end through faults: a kiosk enrolled with a real head office (consent-hq's server, in
// this process, on SQLite), its real uploader and libcurl transport, and between them a TCP proxy
// that breaks connections (fault_proxy.hpp). Whatever the fault, once the network behaves head
// office holds every committed record exactly once and the outbox is empty.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>

#include "fault_proxy.hpp"
#include "https_test_server.hpp"
#include "kiosk/hq/hq_config.hpp"
#include "kiosk/sync/curl_https_transport.hpp"
#include "kiosk/sync/kiosk_enrollment.hpp"
#include "kiosk/sync/outbox_uploader.hpp"
#include "store_fixtures.hpp"
#include "test_head_office.hpp"

using namespace kiosk;
using namespace kiosk::sync;
using namespace std::chrono_literals;

namespace {

constexpr int kRecords = 30;
constexpr std::size_t kBatch = 10;
const char* const kKioskId = "test-kiosk";  // store_fixtures::options_for's

std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The kiosk's files, written as `kioskctl provision` writes them after enrolling for real.
EnrolledKioskFiles enroll(testing::TestHeadOffice& hq, const std::filesystem::path& folder) {
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

struct KioskBehindProxy {
  // A short busy timeout: a test holding head office's database makes it answer 503 at once.
  testing::TestHeadOffice hq{testing::HqBackend::Sqlite, nullptr,
                             [](hq::HqConfig& config) { config.busy_timeout_ms = 100; }};
  FaultProxy proxy{hq.port()};  // after hq: it goes first, and its probe reads hq
  ScratchDir dir{"fault-proxy-kiosk"};
  EnrolledKioskFiles kiosk = enroll(hq, dir.path());
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  MemoryLogger logger;
  std::vector<std::string> committed;
  std::unique_ptr<CurlHttpsTransport> transport;
  std::unique_ptr<OutboxUploader> uploader;

  KioskBehindProxy() {
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

  // What another process writing to head office's SQLite file does: holds its write lock.
  store::SqliteDatabase lock_head_office_database() {
    auto db = store::SqliteDatabase::open(hq.dir() / hq::file_names::kSqliteDatabase,
                                          store::OpenFlags{false, {}, false, false});
    REQUIRE(db.has_value());
    REQUIRE(db->exec("BEGIN IMMEDIATE").has_value());
    return std::move(*db);
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

  // The network behaves again: everything committed reaches head office, each record once.
  void deliver_everything() {
    proxy.set_fault(ProxyFault::None);
    proxy.set_upstream(hq.port());
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

}  // namespace

TEST_CASE("through the fault proxy with no fault, every record arrives once") {
  KioskBehindProxy world;
  const DrainReport report = world.drain_when_due();
  CHECK(report.acked == kRecords);
  CHECK(world.proxy.connections_accepted() >= 1);
  CHECK(world.proxy.bytes_sent_to(world.hq.port()) > 0);
  world.deliver_everything();
}

TEST_CASE("refused connections: nothing sent, the batch waits, then it is delivered") {
  KioskBehindProxy world;
  world.proxy.set_fault(ProxyFault::Refuse);
  const DrainReport report = world.drain_when_due();
  CHECK(report.last_error == "unreachable");
  CHECK(report.sent == 0);
  CHECK(world.proxy.connections_accepted() == 0);
  CHECK(world.pending() == kRecords);
  CHECK(world.stored().records == 0);
  world.deliver_everything();
}

TEST_CASE("a stalled connection: the kiosk's timeout ends it, then the batch is delivered") {
  KioskBehindProxy world;
  world.proxy.set_fault(ProxyFault::Stall);
  world.connect(300ms, 1s);
  const DrainReport report = world.drain_when_due();
  CHECK(report.last_error == "timeout");
  CHECK(world.proxy.connections_accepted() >= 1);
  CHECK(world.proxy.bytes_sent_to(world.hq.port()) == 0);
  CHECK(world.pending() == kRecords);
  world.deliver_everything();
}

TEST_CASE("an upload cut midway: head office stores nothing of it, the kiosk sends it again") {
  KioskBehindProxy world;
  // Half the first batch's envelopes: past the TLS handshake, well before the request's end.
  const std::size_t cut = world.first_batch_bytes() / 2;
  world.proxy.set_cut_after(cut);
  world.proxy.set_fault(ProxyFault::CutUpload);
  const DrainReport report = world.drain_when_due();
  CHECK_FALSE(report.last_error.empty());
  CHECK(report.acked == 0);
  CHECK(world.proxy.bytes_sent_to(world.hq.port()) == cut);
  CHECK(world.stored().records == 0);
  CHECK(world.pending() == kRecords);
  world.deliver_everything();
}

TEST_CASE("a reply lost after head office committed: resent, acknowledged as duplicates, stored once") {
  KioskBehindProxy world;
  CHECK_FALSE(world.drain_losing_reply(ProxyFault::LoseReply).last_error.empty());
  CHECK(world.stored().records == static_cast<std::int64_t>(kBatch));
  world.deliver_everything();
}

TEST_CASE("a reply that never comes after head office committed: the kiosk times out, resends") {
  KioskBehindProxy world;
  world.connect(2s, 2s);
  CHECK(world.drain_losing_reply(ProxyFault::StallReply).last_error == "timeout");
  CHECK(world.stored().records == static_cast<std::int64_t>(kBatch));
  world.deliver_everything();
}

TEST_CASE("a reply cut midway: the kiosk keeps the batch, resends it, head office stores it once") {
  KioskBehindProxy world;
  CHECK_FALSE(world.drain_losing_reply(ProxyFault::CutReply).last_error.empty());
  CHECK(world.stored().records == static_cast<std::int64_t>(kBatch));
  world.deliver_everything();
}

TEST_CASE("429 with Retry-After, then 503: the kiosk waits as told, keeps the batch, delivers it later") {
  KioskBehindProxy world;
  FrontAnswering slow_down(world.hq, 429, "2");
  world.proxy.set_upstream(slow_down.port());
  const DrainReport limited = world.drain_when_due();
  CHECK(limited.last_error.starts_with("http-429"));
  CHECK(limited.retry_in == std::chrono::milliseconds{2000});
  CHECK(slow_down.uploads() == 1);

  FrontAnswering unavailable(world.hq, 503, "");
  world.proxy.set_upstream(unavailable.port());
  const DrainReport failed = world.drain_when_due();
  CHECK(failed.last_error.starts_with("http-503"));
  CHECK(unavailable.uploads() == 1);
  CHECK(world.stored().records == 0);
  CHECK(world.pending() == kRecords);
  world.deliver_everything();
}

TEST_CASE("a server with another certificate: the kiosk sends it no record, then delivers to head office") {
  KioskBehindProxy world;
  HttpsTestServer impostor(make_test_certificate("impostor"));
  std::atomic<int> requests{0};
  impostor.routes().Post(".*", [&](const httplib::Request&, httplib::Response& res) {
    ++requests;
    res.status = 200;
  });
  impostor.start();
  world.proxy.set_upstream(impostor.port());
  const DrainReport report = world.drain_when_due();
  CHECK(report.last_error == "certificate-mismatch");
  CHECK(report.sent == 0);
  CHECK(requests.load() == 0);
  // Only the kiosk's side of a TLS handshake reached it: less than any one sealed record.
  CHECK(world.proxy.bytes_sent_to(impostor.port()) > 0);
  CHECK(world.proxy.bytes_sent_to(impostor.port()) <
        static_cast<std::size_t>(world.outbox("SELECT min(length(envelope)) FROM outbox")));
  CHECK(world.pending() == kRecords);
  world.deliver_everything();
}

TEST_CASE("head office's database busy: a 503 with Retry-After from head office itself, then delivered") {
  KioskBehindProxy world;
  {
    auto lock = world.lock_head_office_database();
    const DrainReport report = world.drain_when_due();
    CHECK(report.last_error.starts_with("http-503"));
    CHECK(report.retry_in == std::chrono::milliseconds{1000});
    CHECK(world.stored().records == 0);
    CHECK(world.pending() == kRecords);
  }
  world.deliver_everything();
}

TEST_CASE("every fault one after another on one kiosk, head office stopped and restarted among them") {
  KioskBehindProxy world;
  FrontAnswering slow_down(world.hq, 429, "2");
  FrontAnswering unavailable(world.hq, 500, "");
  HttpsTestServer impostor(make_test_certificate("impostor"));
  impostor.start();
  world.proxy.set_cut_after(world.first_batch_bytes() / 2);
  world.connect(300ms, 2s);  // short: two of the faults are stalls
  auto drain_under = [&](ProxyFault fault) {
    world.proxy.set_fault(fault);
    return world.drain_when_due();
  };
  auto drain_to = [&](int port) {
    world.proxy.set_upstream(port);
    return world.drain_when_due();
  };
  const std::vector<std::pair<std::string, std::function<DrainReport()>>> script = {
      {"refused", [&] { return drain_under(ProxyFault::Refuse); }},
      {"reply lost", [&] { return world.drain_losing_reply(ProxyFault::LoseReply); }},
      {"stall", [&] { return drain_under(ProxyFault::Stall); }},
      {"429", [&] { return drain_to(slow_down.port()); }},
      {"reply cut", [&] { return world.drain_losing_reply(ProxyFault::CutReply); }},
      {"upload cut", [&] { return drain_under(ProxyFault::CutUpload); }},
      {"head office down",
       [&] {
         world.hq.stop();
         const DrainReport report = world.drain_when_due();
         world.hq.restart();
         return report;
       }},
      {"wrong certificate", [&] { return drain_to(impostor.port()); }},
      {"database busy",
       [&] {
         auto lock = world.lock_head_office_database();
         return world.drain_when_due();
       }},
      {"reply stalled", [&] { return world.drain_losing_reply(ProxyFault::StallReply); }},
      {"500", [&] { return drain_to(unavailable.port()); }},
  };
  for (const auto& [fault, drain] : script) {
    INFO(fault);
    world.commit(3);
    const std::int64_t waiting = world.pending();
    const DrainReport report = drain();
    CHECK_FALSE(report.last_error.empty());
    CHECK(report.acked == 0);
    CHECK(world.pending() == waiting);
    world.proxy.set_fault(ProxyFault::None);
    world.proxy.set_upstream(world.hq.port());
  }
  CHECK(world.proxy.bytes_sent_to(impostor.port()) < world.first_batch_bytes() / kBatch);
  world.deliver_everything();
  CHECK(world.committed.size() == kRecords + 3 * script.size());
}
