// The background worker: delivers after a commit wakes it, keeps going on its own, and stops
// promptly even in the middle of a transfer to a head office that does not answer.
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "hq_stub_server.hpp"
#include "kiosk/sync/curl_https_transport.hpp"
#include "kiosk/sync/fake_https_transport.hpp"
#include "kiosk/sync/sync_worker.hpp"
#include "sync_fixtures.hpp"
#include "wait_for.hpp"

using namespace kiosk;
using namespace kiosk::sync;
using namespace sync_fixtures;
using namespace std::chrono_literals;
using test_support::wait_for;

namespace {

SyncWorkerOptions options_for(const KioskWithRecords& kiosk) {
  SyncWorkerOptions options;
  options.store = kiosk.options();
  options.uploader.retry.seed = 3;
  options.interval = std::chrono::hours{1};  // only wakes move it in these tests
  return options;
}

}  // namespace

TEST_CASE("the sync worker delivers what a commit woke it for, over HTTPS, then waits") {
  HqStubServer hq;
  KioskWithRecords kiosk(0, hq.keys());
  auto consents = kiosk.service();
  hq.register_kiosk("test-kiosk", consents.signing_public_key());
  SystemClock clock;
  SyncWorker worker(
      options_for(kiosk),
      [&](const store::HeadOfficeTrust& trust) {
        return std::make_unique<CurlHttpsTransport>(pinned_endpoint(hq.url() + "/", trust, 2000ms, 10000ms));
      },
      clock, kiosk.logger);
  // The first turn finds nothing to send.
  REQUIRE(wait_for([&] { return worker.snapshot().drains >= 1; }));

  auto client = consents.identify(store_fixtures::known_people()[0]);
  const auto id =
      store_fixtures::commit_choice(consents, *client, "marketing-analysis", consent::Decision::Granted);
  worker.wake();
  REQUIRE(wait_for([&] { return hq.stored_ids().size() == 1; }));
  CHECK(hq.stored_ids().front() == id);
  REQUIRE(wait_for([&] { return worker.snapshot().last.acked == 1; }));
  CHECK(worker.snapshot().last.pending == 0);
  CHECK(worker.snapshot().open_error.empty());
}

TEST_CASE("the sync worker stops promptly while a transfer hangs on a silent server") {
  KioskWithRecords kiosk(2);
  // A listening socket that never answers: the TLS handshake waits until the transport's timeout.
  const int silent = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(silent >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(silent, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(silent, 4) == 0);
  REQUIRE(::fcntl(silent, F_SETFL, O_NONBLOCK) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(silent, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  const std::string url = "https://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  const auto spki = protocol::spki_digest_of_certificate(kiosk.head_office.tls.certificate_pem);
  SystemClock clock;
  int accepted = -1;
  {
    // Timeouts far longer than any test runs: only the interruption can end the transfer.
    SyncWorker worker(
        options_for(kiosk),
        [&](const store::HeadOfficeTrust&) {
          return std::make_unique<CurlHttpsTransport>(
              PinnedEndpoint{url, kiosk.head_office.tls.certificate_pem, *spki, 3600s, 3600s});
        },
        clock, kiosk.logger);
    // The worker has connected and waits for the server's first TLS message, which never comes.
    REQUIRE(wait_for([&] { return (accepted = ::accept4(silent, nullptr, nullptr, SOCK_NONBLOCK)) >= 0; }));
  }  // the destructor returns: interrupted, joined, with the connection still open and silent
  ::close(accepted);
  ::close(silent);
  CHECK(kiosk.pending() == 2);
}

TEST_CASE("the sync worker never lets an exception out of its thread") {
  KioskWithRecords kiosk(1);
  SystemClock clock;
  std::atomic<int> calls{0};
  auto transport = [&](const store::HeadOfficeTrust&) {
    return std::make_unique<FakeHttpsTransport>(
        [&](const HttpRequest& request) -> FakeHttpsTransport::Answer {
          if (++calls == 1) throw std::runtime_error("a bug in a transport");
          return acknowledge_all(request);
        });
  };
  auto options = options_for(kiosk);
  options.uploader.retry.first_ceiling = 1ms;
  options.uploader.retry.cap = 1ms;
  options.interval = 5ms;
  SyncWorker worker(options, transport, clock, kiosk.logger);
  REQUIRE(wait_for([&] { return kiosk.pending() == 0; }));
  CHECK(calls >= 2);
  bool logged = false;
  for (const auto& line : kiosk.logger.lines())
    logged = logged || line.message.find("a bug in a transport") != std::string::npos;
  CHECK(logged);
}

TEST_CASE("a worker whose store cannot be opened says why and keeps trying") {
  KioskWithRecords kiosk(0);
  std::filesystem::remove(kiosk.kiosk.files().head_office_identity);
  SystemClock clock;
  auto options = options_for(kiosk);
  options.interval = 5ms;
  std::atomic<bool> made{false};
  SyncWorker worker(
      options,
      [&](const store::HeadOfficeTrust&) {
        made = true;
        return std::make_unique<FakeHttpsTransport>([](const HttpRequest& r) { return acknowledge_all(r); });
      },
      clock, kiosk.logger);
  REQUIRE(wait_for([&] { return !worker.snapshot().open_error.empty(); }));
  CHECK(worker.snapshot().open_error.find("hq-identity.pub") != std::string::npos);
  CHECK(worker.snapshot().drains == 0);
  CHECK_FALSE(made);  // no transport without checked keys
}
