// End to end through faults: a kiosk enrolled with a real head office (consent-hq's server, in
// this process or as a child, on SQLite; the tests that go through every fault on PostgreSQL as
// well), its real uploader and libcurl transport, and between them a TCP proxy that breaks
// connections (fault_proxy.hpp). Whatever the fault, once the network behaves head office holds
// every committed record exactly once and the outbox is empty.
#include <catch2/catch.hpp>

#include <random>
#include <thread>

#include "hq_backends.hpp"
#include "kiosk_behind_proxy.hpp"

using namespace fault_proxy_fixtures;

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
  world.connect(2s, 3s);  // time enough for head office to commit, under a sanitizer too
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

TEMPLATE_TEST_CASE(
    "head office's database busy: a 503 with Retry-After from head office itself, then delivered", "[sync]",
    OnSqlite, OnPostgres) {
  KioskBehindProxy world(TestType::backend);
  {
    HeadOfficeDatabaseHeld held(world.hq);
    const DrainReport report = world.drain_when_due();
    CHECK(report.last_error.starts_with("http-503"));
    CHECK(report.retry_in == std::chrono::milliseconds{1000});
    CHECK(world.stored().records == 0);
    CHECK(world.pending() == kRecords);
  }
  world.deliver_everything();
}

TEMPLATE_TEST_CASE("every fault one after another on one kiosk, head office stopped and restarted among them",
                   "[sync]", OnSqlite, OnPostgres) {
  KioskBehindProxy world(TestType::backend);
  FrontAnswering slow_down(world.hq, 429, "2");
  FrontAnswering unavailable(world.hq, 500, "");
  HttpsTestServer impostor(make_test_certificate("impostor"));
  impostor.start();
  world.proxy.set_cut_after(world.first_batch_bytes() / 2);
  world.connect(1s, 3s);  // short, since two of the faults are stalls; long enough to commit
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
         HeadOfficeDatabaseHeld held(world.hq);
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

TEMPLATE_TEST_CASE(
    "head office killed and the uploader stopped at random points: nothing lost, then each record once",
    "[sync]", OnSqlite, OnPostgres) {
  KioskBehindProxy world(TestType::backend);
  world.hq.stop();  // from here on, the real `consent-hq serve` on the same folder
  const unsigned seed = std::random_device{}();
  INFO("seed " << seed);
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> delay_us(0, 100000);
  std::uniform_int_distribution<int> victims(1, 3);  // 1: head office, 2: the uploader, 3: both
  for (int round = 0; round < 8; ++round) {
    world.commit(4);
    testing::ServeProcess serve(world.hq.config_file());
    world.proxy.set_upstream(serve.port());
    const int victim = victims(random);
    const auto head_office_dies_in = std::chrono::microseconds{delay_us(random)};
    const auto uploader_stops_in = std::chrono::microseconds{delay_us(random)};
    std::thread head_office_killer([&] {
      if ((victim & 1) == 0) return;
      std::this_thread::sleep_for(head_office_dies_in);
      serve.kill_hard();
    });
    std::thread uploader_stopper([&] {
      if ((victim & 2) == 0) return;
      std::this_thread::sleep_for(uploader_stops_in);
      world.uploader->stop();
    });
    world.drain_when_due();
    head_office_killer.join();
    uploader_stopper.join();
    INFO("round " << round << ", victim " << victim);
    world.check_nothing_lost();
    world.connect(2s, 10s);  // as after a restart of the kiosk
  }
  testing::ServeProcess serve(world.hq.config_file());
  world.deliver_everything_to(serve.port());
  CHECK(world.committed.size() == kRecords + 4 * 8);
}
