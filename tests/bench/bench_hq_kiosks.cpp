// 100 simulated kiosks uploading at once to one head office over HTTPS on 127.0.0.1, each on its
// own keep-alive connection: records/s and the acknowledgement latency of each upload (p50, p99,
// max), on SQLite and on PostgreSQL; beside, in the same run, the same records ingested in-process
// by one thread with no HTTP at all. Prints figures; asserts nothing.
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "hq_bench_fixture.hpp"
#include "kiosk/hq/record_ingest.hpp"

using namespace kiosk;
using namespace kiosk::testing;
using Seconds = std::chrono::duration<double>;

namespace {

constexpr int kKiosks = 100;
constexpr int kPerKiosk = 200;
constexpr std::size_t kBatch = 20;

// Enough workers for every kiosk's connection (each holds one while it is open).
void enough_threads(hq::HqConfig& config) {
  config.threads = 128;
}

double percentile(std::vector<double> values, double share) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1,
                         static_cast<std::size_t>(share * static_cast<double>(values.size())))];
}

void over_https(HqBackend backend) {
  TestHeadOffice hq(backend, nullptr, enough_threads);
  const auto kiosks = sealed_kiosks(hq, kKiosks, kPerKiosk);
  std::vector<std::vector<double>> latencies(kKiosks);
  std::atomic<int> failures{0};
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int k = 0; k < kKiosks; ++k) {
    threads.emplace_back([&, k] {
      const SealedKiosk& kiosk = kiosks[static_cast<std::size_t>(k)];
      HqHttpsClient client = hq.client();
      ++ready;
      while (!go) std::this_thread::yield();
      for (std::size_t at = 0; at < kiosk.records.size(); at += kBatch) {
        protocol::UploadBatch batch;
        batch.records.assign(
            kiosk.records.begin() + static_cast<std::ptrdiff_t>(at),
            kiosk.records.begin() + static_cast<std::ptrdiff_t>(std::min(kiosk.records.size(), at + kBatch)));
        const auto sent = std::chrono::steady_clock::now();
        const HqReply reply = client.upload(batch, kiosk.kiosk.kiosk_id, kiosk.kiosk.key);
        latencies[static_cast<std::size_t>(k)].push_back(
            Seconds(std::chrono::steady_clock::now() - sent).count());
        if (results_of(reply).size() != batch.records.size()) ++failures;
      }
    });
  }
  while (ready < kKiosks) std::this_thread::yield();
  const auto start = std::chrono::steady_clock::now();
  go = true;
  for (auto& thread : threads) thread.join();
  const double seconds = Seconds(std::chrono::steady_clock::now() - start).count();

  std::vector<double> all;
  for (const auto& each : latencies) all.insert(all.end(), each.begin(), each.end());
  const auto counts = hq.storage().counts();
  std::printf(
      "%-11s %9.0f rec/s  acks: p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%zu uploads, %d failed, %lld "
      "stored)\n",
      backend_name(backend), kKiosks * kPerKiosk / seconds, percentile(all, 0.5) * 1e3,
      percentile(all, 0.99) * 1e3, all.empty() ? 0.0 : *std::max_element(all.begin(), all.end()) * 1e3,
      all.size(), failures.load(), counts ? static_cast<long long>(counts->records) : -1LL);
}

// The same records, the same batches, one thread calling ingest directly.
void in_process(HqBackend backend) {
  SystemClock clock;
  TestHeadOffice hq(backend);
  const auto kiosks = sealed_kiosks(hq, kKiosks, kPerKiosk);
  hq::RecordIngest ingest(hq.storage(), hq.head_office().box_keys(), hq.head_office().secrets().clients,
                          clock);
  const auto start = std::chrono::steady_clock::now();
  for (const auto& kiosk : kiosks) {
    const std::vector<seal::SigningPublicKey> keys = {kiosk.kiosk.key.public_key};
    for (std::size_t at = 0; at < kiosk.records.size(); at += kBatch) {
      protocol::UploadBatch batch;
      batch.records.assign(
          kiosk.records.begin() + static_cast<std::ptrdiff_t>(at),
          kiosk.records.begin() + static_cast<std::ptrdiff_t>(std::min(kiosk.records.size(), at + kBatch)));
      if (!ingest.ingest(kiosk.kiosk.kiosk_id, keys, batch)) std::abort();
    }
  }
  const double seconds = Seconds(std::chrono::steady_clock::now() - start).count();
  std::printf("%-11s %9.0f rec/s  (baseline: one thread, ingest called directly, no HTTP or TLS)\n",
              backend_name(backend), kKiosks * kPerKiosk / seconds);
}

}  // namespace

int main() {
  if (sodium_init() < 0) return 1;
  BenchPostgres postgres;
  std::printf(
      "%d kiosks at once, %d records each in uploads of %zu, HTTPS keep-alive on 127.0.0.1, %u cores\n",
      kKiosks, kPerKiosk, kBatch, std::thread::hardware_concurrency());
  for (HqBackend backend : {HqBackend::Sqlite, HqBackend::Postgres}) {
    over_https(backend);
    in_process(backend);
  }
  return 0;
}
