// The uploader against a real HTTPS head office on 127.0.0.1 (tests/support/hq_stub_server.hpp),
// through libcurl with the certificate pinned.
#include <catch2/catch.hpp>

#include "hq_stub_server.hpp"
#include "kiosk/sync/curl_https_transport.hpp"
#include "kiosk/sync/sync_state.hpp"
#include "sync_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::sync;
using namespace sync_fixtures;
using namespace std::chrono_literals;

namespace {

// A kiosk enrolled with the stub head office: the stub knows its signing key.
struct KioskAndHeadOffice {
  HqStubServer hq;
  std::unique_ptr<KioskWithRecords> kiosk = std::make_unique<KioskWithRecords>(0, hq.keys());

  explicit KioskAndHeadOffice(int records) {
    hq.register_kiosk("test-kiosk", kiosk->service().signing_public_key());
    kiosk->commit(records);
  }

  PinnedEndpoint endpoint_to(const HqStubServer& server) const {
    return {server.url(), hq.keys().tls.certificate_pem, hq.spki(), 2000ms, 10000ms};
  }
};

}  // namespace

TEST_CASE("over pinned HTTPS every record reaches head office once and the outbox empties") {
  KioskAndHeadOffice world(25);
  CurlHttpsTransport transport(world.endpoint_to(world.hq));
  UploaderSettings settings;
  settings.max_batch_records = 10;
  auto uploader = world.kiosk->uploader(transport, settings);
  const DrainReport report = uploader->drain();
  INFO(report.last_error);
  CHECK(report.last_error.empty());
  CHECK(report.acked == 25);
  CHECK(world.kiosk->pending() == 0);
  CHECK(world.hq.stored_ids() == world.kiosk->committed);
  CHECK(world.hq.requests("/v1/records") == 3);
  // Head office saw the kiosk's chain: numbers 1..25, each linked to the one before.
  const auto headers = world.hq.stored_headers();
  for (std::size_t i = 0; i < headers.size(); ++i) CHECK(headers[i].seq == static_cast<std::int64_t>(i + 1));
}

TEST_CASE("a server with another certificate receives no request, and nothing leaves the outbox") {
  KioskAndHeadOffice world(3);
  HqStubServer impostor;  // its own certificate, its own key
  CurlHttpsTransport transport(world.endpoint_to(impostor));
  auto uploader = world.kiosk->uploader(transport);
  const DrainReport report = uploader->drain();
  CHECK(report.last_error == "certificate-mismatch");
  CHECK(report.sent == 0);
  CHECK(impostor.total_requests() == 0);
  CHECK(impostor.stored_ids().empty());
  CHECK(world.kiosk->pending() == 3);
  CHECK(world.hq.total_requests() == 0);
  auto state = read_sync_state(uploader->database());
  CHECK(state->last_error == "certificate-mismatch");
}

TEST_CASE("429 and 5xx leave the batch, delivered on a later attempt") {
  KioskAndHeadOffice world(4);
  world.hq.fail_next_uploads({{429, "3", false}, {503, "", false}, {500, "", false}});
  CurlHttpsTransport transport(world.endpoint_to(world.hq));
  auto uploader = world.kiosk->uploader(transport);
  const DrainReport first = uploader->drain();
  CHECK(first.last_error == "http-429 injected");
  CHECK(first.retry_in == std::chrono::milliseconds{3000});
  CHECK(world.kiosk->pending() == 4);
  for (int attempt = 0; attempt < 2; ++attempt) {
    world.kiosk->clock.advance(std::chrono::duration_cast<std::chrono::milliseconds>(
        uploader->next_attempt() - world.kiosk->clock.steady_now()));
    REQUIRE(uploader->due());
    CHECK_FALSE(uploader->drain().last_error.empty());
    CHECK(world.kiosk->pending() == 4);
  }
  world.kiosk->clock.advance(std::chrono::duration_cast<std::chrono::milliseconds>(
      uploader->next_attempt() - world.kiosk->clock.steady_now()));
  const DrainReport last = uploader->drain();
  CHECK(last.last_error.empty());
  CHECK(last.acked == 4);
  CHECK(world.hq.stored_ids().size() == 4);
}

TEST_CASE(
    "an acknowledgement lost after head office stored the batch: resent, duplicate, acknowledged once") {
  KioskAndHeadOffice world(3);
  world.hq.fail_next_uploads({{0, "", true}});
  CurlHttpsTransport transport(world.endpoint_to(world.hq));
  auto uploader = world.kiosk->uploader(transport);
  const DrainReport lost = uploader->drain();
  CHECK_FALSE(lost.last_error.empty());
  CHECK(lost.acked == 0);
  CHECK(world.kiosk->pending() == 3);        // not acknowledged: still waiting
  CHECK(world.hq.stored_ids().size() == 3);  // but head office has them

  world.kiosk->clock.advance(std::chrono::minutes{10});
  const DrainReport resent = uploader->drain();
  CHECK(resent.last_error.empty());
  CHECK(resent.acked == 3);
  CHECK(world.kiosk->pending() == 0);
  CHECK(world.hq.duplicates() == 3);
  CHECK(world.hq.stored_ids() == world.kiosk->committed);  // each stored once
  auto delivered = uploader->database().query_int("SELECT count(*) FROM outbox_delivered");
  CHECK(*delivered == 3);
}

TEST_CASE("head office rotates its box key: the kiosk installs it and seals new records to it") {
  KioskAndHeadOffice world(1);
  const auto next = world.hq.rotate_box_key();
  CurlHttpsTransport transport(world.endpoint_to(world.hq));
  auto uploader = world.kiosk->uploader(transport);
  CHECK(uploader->drain().acked == 1);
  CHECK(uploader->keys().head_office.public_key == next.public_key);

  auto consents = world.kiosk->service();
  auto client = consents.identify(store_fixtures::known_people()[0]);
  store_fixtures::commit_choice(consents, *client, "marketing-analysis", consent::Decision::Refused);
  CHECK(uploader->drain().acked == 1);
  const auto headers = world.hq.stored_headers();
  REQUIRE(headers.size() == 2);
  CHECK(headers[0].head_office_key == world.hq.keys().grant().box_key.id);
  CHECK(headers[1].head_office_key == seal::key_id_of(next.public_key));
}
