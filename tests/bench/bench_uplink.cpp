// Draining a backlog to head office over loopback HTTPS (the uploader through libcurl, pinned, to
// the test head office, which opens and verifies every envelope), next to the raw per-record cost
// of sign + seal + open + verify measured in the same run. Prints figures; asserts nothing.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "bench_timing.hpp"
#include "hq_stub_server.hpp"
#include "kiosk/core/consent/consent_rules.hpp"
#include "kiosk/store/consent_service.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/policy_assets.hpp"
#include "kiosk/sync/curl_https_transport.hpp"
#include "kiosk/sync/outbox_uploader.hpp"

using namespace kiosk;
using Seconds = std::chrono::duration<double>;

namespace {

constexpr int kRecords = 5000;

}  // namespace

int main(int argc, char** argv) {
  const int records = argc > 1 ? std::atoi(argv[1]) : kRecords;
  SystemClock clock;
  StderrLogger logger(LogLevel::Error);
  auto model = store::build_consent_model(store::embedded_policy_assets());
  if (!model) return 1;
  const auto dir =
      std::filesystem::temp_directory_path() / ("bench-uplink-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  HqStubServer hq;
  const EnrolledKioskFiles files = write_enrolled_kiosk(dir, hq.keys());
  store::StoreOptions options;
  options.database = files.database;
  options.kiosk_id = "bench-kiosk";
  options.keys = files.policy();
  options.client_hash_cost = store::test_only_client_hash_cost();

  std::size_t payload_bytes = 0;
  {
    auto service = store::ConsentService::open(options, *model, clock, logger);
    if (!service) return 1;
    hq.register_kiosk("bench-kiosk", service->signing_public_key());
    auto client = service->identify({"ON", "B1000001", "BENCH", "PERSON", "1980-01-01"});
    auto current = service->current(*client);
    for (int i = 0; i < records; ++i) {
      auto draft = consent::record_choices(*model, *current, {}, {});
      payload_bytes =
          consent::to_envelope_json({"bench-kiosk", *draft, client->identity, std::nullopt}).size();
      if (!service->commit(*client, std::move(*draft))) return 1;
    }
  }

  // The crypto alone, per record: what the kiosk does at commit (sign, seal in its window) and
  // head office at ingest (open with the window's cached key, check the signature).
  const auto kiosk_key = seal::generate_signing_key_pair();
  seal::BoxKeyring ring;
  ring.add(hq.keys().box);
  const std::string payload(payload_bytes, 'p');
  seal::EnvelopeHeader header{"bench-kiosk", 1, "0123456789abcdef0123456789abcdef", {}, {}, {}};
  seal::SealingWindow window;
  seal::EnvelopeOpener opener;
  const double crypto_ns = testing::nanoseconds_per_call([&] {
    auto sealed = window.seal(header, payload, kiosk_key, seal::head_office_key_of(hq.keys().box));
    if (!opener.open(sealed.bytes, ring)) std::abort();
  });

  auto opened = store::open_kiosk_store(options, clock, logger);
  if (!opened) return 1;
  sync::CurlHttpsTransport transport(sync::pinned_endpoint(
      hq.url(), *opened->keys.trust, std::chrono::seconds{5}, std::chrono::seconds{60}));
  auto uploader =
      sync::OutboxUploader::over(std::move(*opened), options.kiosk_id, transport, {}, clock, logger);
  if (!uploader) return 1;
  const auto start = std::chrono::steady_clock::now();
  const sync::DrainReport report = (*uploader)->drain();
  const double seconds = Seconds(std::chrono::steady_clock::now() - start).count();

  std::printf(
      "drain of %d records over loopback HTTPS (batches of 200, pinned, one kept-alive connection):\n",
      records);
  std::printf("  acked %lld, pending %lld, error '%s', %d requests\n", static_cast<long long>(report.acked),
              static_cast<long long>(report.pending), report.last_error.c_str(),
              static_cast<int>(hq.requests("/v1/records")));
  std::printf("  drain: %8.0f records/s (%.0f us a record: %.0f at head office, the rest at the kiosk)\n",
              static_cast<double>(report.acked) / seconds, seconds * 1e6 / static_cast<double>(report.acked),
              hq.seconds_uploading() * 1e6 / static_cast<double>(report.acked));
  std::printf("  sign + seal + open + verify alone (payload %zu B): %8.0f records/s\n", payload_bytes,
              1e9 / crypto_ns);
  std::printf("  ratio drain / crypto: %.2f\n",
              static_cast<double>(report.acked) / seconds / (1e9 / crypto_ns));
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return 0;
}
