// Several `consent-hq serve` processes sharing one PostgreSQL database: the same records reaching
// two of them at once are stored once, and one enrollment token is accepted by one of them only.
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <map>
#include <thread>

#include "hq_backends.hpp"
#include "kiosk/hq/gap_report.hpp"
#include "sealing_kiosk.hpp"

using namespace kiosk;
using namespace kiosk::testing;
using protocol::RecordStatus;

namespace {

// A head office on a fresh PostgreSQL database, served by two processes of the real binary.
struct TwoServers {
  ScratchPostgresDatabase database;
  ScratchDir scratch{"hq-shared"};
  std::filesystem::path config;
  std::string certificate;
  std::unique_ptr<ServeProcess> first;
  std::unique_ptr<ServeProcess> second;

  TwoServers() {
    SystemClock clock;
    hq::InitOptions options;
    options.dir = scratch / "hq";
    options.listen = {"127.0.0.1", 0};
    options.database = database.url();
    auto report = hq::init_head_office(options, clock);
    if (!report) throw std::runtime_error(report.error().detail);
    config = report->config_file;
    std::ifstream in(options.dir / "hq.crt");
    certificate.assign(std::istreambuf_iterator<char>(in), {});
    first = std::make_unique<ServeProcess>(config);
    second = std::make_unique<ServeProcess>(config);
  }
  HqHttpsClient client(const ServeProcess& server) const {
    return HqHttpsClient(server.port(), scratch.path() / "hq" / "hq.crt");
  }
  // Both stopped by SIGTERM: each must exit 0 (a sanitizer's report would make it fail).
  bool stop_cleanly() {
    const int first_status = first->terminate();
    const int second_status = second->terminate();
    return WIFEXITED(first_status) && WEXITSTATUS(first_status) == 0 && WIFEXITED(second_status) &&
           WEXITSTATUS(second_status) == 0;
  }
  protocol::EnrollmentToken token(const std::string& kiosk_id) {
    hq::StorageOptions options{database.url(), 1, 5000};
    auto storage = hq::open_storage(options);
    if (!storage) throw std::runtime_error(storage.error().detail);
    SystemClock clock;
    return hq::issue_enrollment_token(**storage, kiosk_id, std::chrono::hours(1), clock)->token;
  }
};

}  // namespace

TEST_CASE(
    "two serve processes on one PostgreSQL, sent the same batches at once, store each record once - "
    "OnPostgres") {
  TwoServers servers;
  auto setup = servers.client(*servers.first);
  std::vector<EnrolledKiosk> kiosks;
  std::vector<std::vector<protocol::UploadBatch>> batches;
  constexpr int kKiosks = 3, kBatches = 6, kPerBatch = 40;
  for (int k = 0; k < kKiosks; ++k) {
    const std::string id = "kiosk-" + std::to_string(k);
    kiosks.push_back(enroll_over_https(setup, servers.token(id), id, servers.certificate));
    SealingKiosk sealing = sealing_as(kiosks.back());
    batches.emplace_back();
    for (int b = 0; b < kBatches; ++b) {
      protocol::UploadBatch batch;
      for (int r = 0; r < kPerBatch; ++r) {
        batch.records.push_back(sealing.next(choices_record({}, std::chrono::system_clock::now())));
      }
      batches.back().push_back(std::move(batch));
    }
  }

  // Each server gets every batch; one goes forwards, the other backwards, so that they meet.
  struct Seen {
    std::map<std::string, RecordStatus> status;
    int failures = 0;
  };
  auto deliver = [&](const ServeProcess& server, bool backwards, Seen& seen) {
    auto client = servers.client(server);
    for (int step = 0; step < kKiosks * kBatches; ++step) {
      const int index = backwards ? kKiosks * kBatches - 1 - step : step;
      const auto& kiosk = kiosks[static_cast<std::size_t>(index % kKiosks)];
      const auto& batch =
          batches[static_cast<std::size_t>(index % kKiosks)][static_cast<std::size_t>(index / kKiosks)];
      const auto results = results_of(client.upload(batch, kiosk.kiosk_id, kiosk.key));
      if (results.size() != batch.records.size()) ++seen.failures;
      for (const auto& result : results) seen.status[result.record_id] = result.status;
    }
  };
  Seen by_first, by_second;
  std::thread one([&] { deliver(*servers.first, false, by_first); });
  std::thread two([&] { deliver(*servers.second, true, by_second); });
  one.join();
  two.join();

  CHECK(by_first.failures == 0);
  CHECK(by_second.failures == 0);
  const std::size_t total = kKiosks * kBatches * kPerBatch;
  REQUIRE(by_first.status.size() == total);
  REQUIRE(by_second.status.size() == total);
  int stored_twice = 0, stored_never = 0;
  for (const auto& [id, status] : by_first.status) {
    const bool first_stored = status == RecordStatus::Stored;
    const bool second_stored = by_second.status.at(id) == RecordStatus::Stored;
    CHECK(status != RecordStatus::Rejected);
    if (first_stored && second_stored) ++stored_twice;
    if (!first_stored && !second_stored) ++stored_never;
  }
  CHECK(stored_twice == 0);
  CHECK(stored_never == 0);

  hq::StorageOptions options{servers.database.url(), 1, 5000};
  auto storage = hq::open_storage(options);
  REQUIRE(storage.has_value());
  auto counts = (*storage)->counts();
  REQUIRE(counts.has_value());
  CHECK(counts->records == static_cast<std::int64_t>(total));
  CHECK(counts->distinct == counts->records);
  // Each kiosk's numbers 1..240 with no gap or fork, whichever server stored which.
  auto links = (*storage)->chain_links();
  REQUIRE(links.has_value());
  auto forks = (*storage)->forks();
  REQUIRE(forks.has_value());
  auto report = hq::build_gap_report(*links, *forks);
  REQUIRE(report.size() == kKiosks);
  for (const auto& gaps : report) {
    CHECK(gaps.highest_seq == kBatches * kPerBatch);
    CHECK(gaps.missing.empty());
    CHECK(gaps.forks.empty());
    CHECK(gaps.chain_breaks.empty());
  }
  CHECK(servers.stop_cleanly());
}

TEST_CASE("one enrollment token sent to two servers at once enrolls exactly once - OnPostgres") {
  TwoServers servers;
  const auto token = servers.token("kiosk-t");
  const auto key = seal::generate_signing_key_pair();
  auto spki = protocol::spki_digest_of_certificate(servers.certificate);
  REQUIRE(spki.has_value());
  const std::string body = protocol::to_json(
      protocol::EnrollRequest{"kiosk-t", token.id(), key.public_key,
                              protocol::enrollment_proof(token, "kiosk-t", key.public_key, *spki)});

  HqReply first_reply, second_reply;
  std::atomic<bool> go{false};
  auto send = [&](const ServeProcess& server, HqReply& reply) {
    auto client = servers.client(server);
    client.get("/v1/health");  // the TLS handshake out of the way, so the two posts race
    while (!go) std::this_thread::yield();
    reply = client.post("/v1/enroll", body);
  };
  std::thread one([&] { send(*servers.first, first_reply); });
  std::thread two([&] { send(*servers.second, second_reply); });
  go = true;
  one.join();
  two.join();

  const int accepted = (first_reply.status == 200) + (second_reply.status == 200);
  CHECK(accepted == 1);
  const HqReply& refused = first_reply.status == 200 ? second_reply : first_reply;
  CHECK(refused.status == 403);
  CHECK(error_code(refused) == "token-used");

  // A replay later, to either server, is refused the same way.
  for (const ServeProcess* server : {servers.first.get(), servers.second.get()}) {
    auto client = servers.client(*server);
    HqReply replay = client.post("/v1/enroll", body);
    CHECK(replay.status == 403);
    CHECK(error_code(replay) == "token-used");
  }
  CHECK(servers.stop_cleanly());
}
