#pragma once
// What /metrics tells an operator, in Prometheus text format: records stored, duplicates, rejected
// by code, requests by path and status, batch sizes, enrolled kiosks. Counted from many threads.

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "kiosk/protocol/messages.hpp"

namespace kiosk::hq {

class HqMetrics {
 public:
  // `path` is a route's pattern (kiosk ids are not labels: one series per route).
  void count_request(std::string_view path, int status);
  void count_batch(std::span<const protocol::RecordResult> results);
  void count_enrollment(std::string_view outcome);

  std::string prometheus_text(std::int64_t enrolled_kiosks) const;

 private:
  static constexpr std::array<std::size_t, 7> kBatchBuckets = {1, 10, 50, 100, 250, 500, 1000};

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::uint64_t stored_ = 0;
  std::uint64_t duplicates_ = 0;
  std::map<std::string, std::uint64_t> rejected_;
  std::map<std::string, std::uint64_t> enrollments_;
  std::array<std::uint64_t, kBatchBuckets.size()> batch_buckets_{};
  std::uint64_t batches_ = 0;
  std::uint64_t batch_records_ = 0;
};

}  // namespace kiosk::hq
