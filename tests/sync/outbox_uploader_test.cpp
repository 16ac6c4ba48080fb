// What the uploader does with each answer head office can give, against a scripted transport
// and a clock the test moves by hand.
#include <catch2/catch.hpp>

#include <set>

#include "kiosk/protocol/request_signature.hpp"
#include "kiosk/store/recorded_keys.hpp"
#include "kiosk/sync/fake_https_transport.hpp"
#include "kiosk/sync/sync_state.hpp"
#include "sync_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::sync;
using namespace sync_fixtures;
using namespace std::chrono_literals;
using protocol::RecordStatus;

TEST_CASE("acknowledged records leave the outbox, signed requests carry them oldest first") {
  KioskWithRecords kiosk(5);
  FakeHttpsTransport transport([](const HttpRequest& request) { return acknowledge_all(request); });
  auto uploader = kiosk.uploader(transport);
  const DrainReport report = uploader->drain();
  CHECK(report.last_error.empty());
  CHECK(report.sent == 5);
  CHECK(report.acked == 5);
  CHECK(report.pending == 0);
  CHECK(kiosk.pending() == 0);

  const auto requests = transport.requests();
  REQUIRE(requests.size() == 1);
  CHECK(ids_in(requests[0]) == kiosk.committed);
  CHECK(requests[0].path == "/v1/records");
  auto header = [&](const std::string& name) {
    for (const auto& [key, value] : requests[0].headers)
      if (key == name) return value;
    return std::string();
  };
  CHECK(header("X-Kiosk-Id") == "test-kiosk");
  CHECK(protocol::request_signature_holds(header("X-Kiosk-Signature"), "POST", "/v1/records",
                                          requests[0].body, uploader->keys().signing.public_key));

  auto state = read_sync_state(uploader->database());
  REQUIRE(state.has_value());
  CHECK(state->acked_total == 5);
  CHECK(state->last_error.empty());
  CHECK_FALSE(state->last_success.empty());
}

TEST_CASE("a record head office refuses for good is quarantined with its reason, never dropped") {
  KioskWithRecords kiosk(3);
  const std::string refused = kiosk.committed[1];
  FakeHttpsTransport transport([&](const HttpRequest& request) {
    protocol::UploadResponse response;
    for (const auto& id : ids_in(request)) {
      if (id == refused) {
        response.results.push_back(
            {id, RecordStatus::Rejected, "envelope-bad-signature", "signature does not hold"});
      } else {
        response.results.push_back({id, RecordStatus::Duplicate, "", ""});
      }
    }
    return answer(response);
  });
  auto uploader = kiosk.uploader(transport);
  const DrainReport report = uploader->drain();
  CHECK(report.acked == 2);
  CHECK(report.quarantined == 1);
  CHECK(report.quarantined_total == 1);
  CHECK(kiosk.pending() == 0);
  auto row =
      uploader->database().prepare("SELECT record_id, code, detail, length(envelope) FROM outbox_quarantine");
  REQUIRE(*row->step());
  CHECK(row->column_text(0) == refused);
  CHECK(row->column_text(1) == "envelope-bad-signature");
  CHECK(row->column_text(2) == "signature does not hold");
  CHECK(row->column_int(3) > static_cast<std::int64_t>(seal::kMinimumEnvelopeBytes));
}

TEST_CASE("batches are bounded in records and in bytes") {
  KioskWithRecords kiosk(7);
  FakeHttpsTransport transport([](const HttpRequest& request) { return acknowledge_all(request); });
  UploaderSettings settings;
  settings.max_batch_records = 3;
  auto uploader = kiosk.uploader(transport, settings);
  CHECK(uploader->drain().acked == 7);
  std::vector<std::size_t> sizes;
  for (const auto& request : transport.requests()) sizes.push_back(ids_in(request).size());
  CHECK(sizes == std::vector<std::size_t>{3, 3, 1});

  KioskWithRecords bytes_bound(4);
  FakeHttpsTransport small([](const HttpRequest& request) { return acknowledge_all(request); });
  settings.max_batch_records = 100;
  settings.max_batch_bytes = 1;  // every record alone: a record larger than the limit still goes
  auto by_bytes = bytes_bound.uploader(small, settings);
  CHECK(by_bytes->drain().acked == 4);
  CHECK(small.request_count() == 4);
  for (const auto& request : small.requests()) CHECK(ids_in(request).size() == 1);
}

TEST_CASE("413 halves the batch, and a record still too large alone is quarantined") {
  KioskWithRecords kiosk(8);
  const std::string huge = kiosk.committed[5];
  FakeHttpsTransport transport([&](const HttpRequest& request) {
    const auto ids = ids_in(request);
    if (ids.size() > 2) return FakeHttpsTransport::Answer(refusal(413));
    if (std::find(ids.begin(), ids.end(), huge) != ids.end()) return FakeHttpsTransport::Answer(refusal(413));
    return FakeHttpsTransport::Answer(acknowledge_all(request));
  });
  auto uploader = kiosk.uploader(transport);
  const DrainReport report = uploader->drain();
  CHECK(report.last_error.empty());
  CHECK(report.acked == 7);
  CHECK(report.quarantined == 1);
  CHECK(uploader->batch_limit() <= 2);
  auto code =
      uploader->database().query_text("SELECT code FROM outbox_quarantine WHERE record_id = '" + huge + "'");
  CHECK(*code == "too-large");
}

TEST_CASE(
    "400 is retried record by record, and a lone record still refused is quarantined as malformed-request") {
  KioskWithRecords kiosk(4);
  const std::string bad = kiosk.committed[2];
  FakeHttpsTransport transport([&](const HttpRequest& request) {
    const auto ids = ids_in(request);
    if (std::find(ids.begin(), ids.end(), bad) != ids.end()) return FakeHttpsTransport::Answer(refusal(400));
    return FakeHttpsTransport::Answer(acknowledge_all(request));
  });
  auto uploader = kiosk.uploader(transport);
  const DrainReport report = uploader->drain();
  CHECK(report.acked == 3);
  CHECK(report.quarantined == 1);
  CHECK(kiosk.pending() == 0);
  CHECK(transport.request_count() == 5);  // the batch, then each of its four records alone
  auto code =
      uploader->database().query_text("SELECT code FROM outbox_quarantine WHERE record_id = '" + bad + "'");
  CHECK(*code == "malformed-request");
}

TEST_CASE("429 and 503 leave the batch and wait what Retry-After says, clamped to 1 s .. 1 h") {
  struct Case {
    long status;
    std::string retry_after;
    std::chrono::milliseconds expected;
  };
  for (const Case& c : {Case{429, "120", 120s}, Case{503, "0", 1s}, Case{429, "86400", 3600s}}) {
    INFO(c.status << " Retry-After " << c.retry_after);
    KioskWithRecords kiosk(2);
    int calls = 0;
    FakeHttpsTransport transport([&](const HttpRequest& request) {
      return ++calls == 1 ? refusal(c.status, c.retry_after) : acknowledge_all(request);
    });
    auto uploader = kiosk.uploader(transport);
    const DrainReport failed = uploader->drain();
    CHECK(failed.last_error == "http-" + std::to_string(c.status) + " refused");
    REQUIRE(failed.retry_in.has_value());
    CHECK(*failed.retry_in == c.expected);
    CHECK(failed.pending == 2);
    CHECK(kiosk.pending() == 2);
    CHECK_FALSE(uploader->due());
    kiosk.clock.advance(c.expected - 1ms);
    CHECK_FALSE(uploader->due());
    kiosk.clock.advance(1ms);
    REQUIRE(uploader->due());
    CHECK(uploader->drain().acked == 2);
    CHECK(kiosk.pending() == 0);
  }
}

TEST_CASE("5xx, 401 and network failures back off exponentially with full jitter, up to the cap") {
  KioskWithRecords kiosk(1);
  std::vector<FakeHttpsTransport::Answer> script = {
      refusal(500), refusal(502), refusal(401),
      FakeHttpsTransport::Answer(fail(TransportError{TransportErrc::Unreachable, "refused"})),
      FakeHttpsTransport::Answer(fail(TransportError{TransportErrc::Timeout, "slow"}))};
  std::size_t call = 0;
  FakeHttpsTransport transport([&](const HttpRequest&) {
    return call < script.size() ? script[call++] : FakeHttpsTransport::Answer(refusal(500));
  });
  UploaderSettings settings;
  settings.retry.first_ceiling = 1000ms;
  settings.retry.cap = 16000ms;
  auto uploader = kiosk.uploader(transport, settings);
  std::vector<std::chrono::milliseconds> waits;
  std::vector<std::string> errors;
  for (int i = 0; i < 12; ++i) {
    REQUIRE(uploader->due());
    const DrainReport report = uploader->drain();
    REQUIRE(report.retry_in.has_value());
    waits.push_back(*report.retry_in);
    errors.push_back(report.last_error);
    kiosk.clock.advance(*report.retry_in);
  }
  CHECK(errors[0] == "http-500 refused");
  CHECK(errors[2] == "http-401 refused");
  CHECK(errors[3] == "unreachable");
  CHECK(errors[4] == "timeout");
  // Failure n waits at most first * 2^n, never more than the cap; and the waits are drawn, not fixed.
  for (std::size_t i = 0; i < waits.size(); ++i) {
    const auto ceiling =
        std::min<std::chrono::milliseconds>(1000ms * (1 << std::min<std::size_t>(i, 20)), 16000ms);
    CHECK(waits[i] >= 0ms);
    CHECK(waits[i] <= ceiling);
  }
  CHECK(std::set<std::chrono::milliseconds>(waits.begin(), waits.end()).size() > 3);
  CHECK(kiosk.pending() == 1);

  // One success resets the backoff.
  script.clear();
  FakeHttpsTransport working([](const HttpRequest& request) { return acknowledge_all(request); });
  auto fresh = kiosk.uploader(working, settings);
  CHECK(fresh->drain().acked == 1);
  CHECK(fresh->due());
}

TEST_CASE("the retry schedule: ceilings double to the cap, success resets, Retry-After is exact") {
  ManualClock clock(std::chrono::sys_days{std::chrono::year{2026} / 1 / 1});
  RetrySchedule schedule({100ms, 1000ms, 42}, clock);
  CHECK(schedule.due());
  CHECK(schedule.ceiling() == 100ms);
  schedule.failed();
  CHECK(schedule.ceiling() == 200ms);
  schedule.failed();
  schedule.failed();
  schedule.failed();
  CHECK(schedule.ceiling() == 1000ms);
  for (int i = 0; i < 40; ++i) schedule.failed();
  CHECK(schedule.ceiling() == 1000ms);
  CHECK(schedule.consecutive_failures() == 44);
  schedule.succeeded();
  CHECK(schedule.due());
  CHECK(schedule.ceiling() == 100ms);
  CHECK(schedule.failed(7s) == 7000ms);
  CHECK_FALSE(schedule.due());
  clock.advance(7s);
  CHECK(schedule.due());
  CHECK(retry_after_seconds(std::string("30")) == 30s);
  CHECK_FALSE(retry_after_seconds(std::string("Wed, 21 Oct 2026 07:28:00 GMT")).has_value());
  CHECK_FALSE(retry_after_seconds(std::nullopt).has_value());
}

TEST_CASE("an answer that settles none of the batch is a failure, not a loop") {
  KioskWithRecords kiosk(2);
  FakeHttpsTransport transport([](const HttpRequest&) { return answer(protocol::UploadResponse{}); });
  auto uploader = kiosk.uploader(transport);
  const DrainReport report = uploader->drain();
  CHECK(report.last_error == "no-results");
  CHECK(transport.request_count() == 1);
  CHECK(kiosk.pending() == 2);
  FakeHttpsTransport garbage([](const HttpRequest&) { return HttpResponse{200, "<html>", std::nullopt}; });
  auto second = kiosk.uploader(garbage);
  CHECK(second->drain().last_error.starts_with("bad-response"));
  CHECK(kiosk.pending() == 2);
}

TEST_CASE("a genuine box key announcement in an answer is installed, a forged one ignored") {
  KioskWithRecords kiosk(2);
  const auto next = seal::generate_box_key_pair();
  const auto forged = seal::generate_box_key_pair();
  int call = 0;
  FakeHttpsTransport transport([&](const HttpRequest& request) {
    auto response = protocol::parse_upload_response(acknowledge_all(request).body).value();
    response.box_key =
        ++call == 1
            ? protocol::announce_box_key(seal::head_office_key_of(forged), seal::generate_signing_key_pair())
            : protocol::announce_box_key(seal::head_office_key_of(next), kiosk.head_office.identity);
    return answer(response);
  });
  UploaderSettings settings;
  settings.max_batch_records = 1;
  auto uploader = kiosk.uploader(transport, settings);
  CHECK(uploader->drain().acked == 2);
  CHECK(uploader->keys().head_office.public_key == next.public_key);
  auto in_file = store::read_head_office_box_key(kiosk.kiosk.files().head_office_box);
  CHECK(in_file->public_key == next.public_key);
  CHECK(kiosk.logger.lines().size() > 0);
}

TEST_CASE("a demo kiosk has no head office: the uploader refuses to open") {
  ScratchDir dir;
  ManualClock clock(std::chrono::sys_days{std::chrono::year{2026} / 1 / 1});
  MemoryLogger logger;
  { store_fixtures::open_service(dir / "kiosk.db", clock, logger); }
  FakeHttpsTransport transport([](const HttpRequest& request) { return acknowledge_all(request); });
  auto opened =
      OutboxUploader::open(store_fixtures::options_for(dir / "kiosk.db"), transport, {}, clock, logger);
  REQUIRE_FALSE(opened.has_value());
  CHECK(opened.error().detail.find("not enrolled") != std::string::npos);
  CHECK(transport.request_count() == 0);
}
