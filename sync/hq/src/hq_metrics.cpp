#include "kiosk/hq/hq_metrics.hpp"

#include <sstream>

namespace kiosk::hq {

void HqMetrics::count_request(std::string_view path, int status) {
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(path), status}];
}

void HqMetrics::count_batch(std::span<const protocol::RecordResult> results) {
  std::lock_guard lock(mutex_);
  for (const auto& result : results) {
    switch (result.status) {
      case protocol::RecordStatus::Stored: ++stored_; break;
      case protocol::RecordStatus::Duplicate: ++duplicates_; break;
      case protocol::RecordStatus::Rejected: ++rejected_[result.code]; break;
    }
  }
  ++batches_;
  batch_records_ += results.size();
  for (std::size_t i = 0; i < kBatchBuckets.size(); ++i) {
    if (results.size() <= kBatchBuckets[i]) ++batch_buckets_[i];
  }
}

void HqMetrics::count_enrollment(std::string_view outcome) {
  std::lock_guard lock(mutex_);
  ++enrollments_[std::string(outcome)];
}

std::string HqMetrics::prometheus_text(std::int64_t enrolled_kiosks) const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP consent_hq_records_stored_total Consent records stored for the first time.\n"
         "# TYPE consent_hq_records_stored_total counter\n"
      << "consent_hq_records_stored_total " << stored_ << "\n"
      << "# HELP consent_hq_records_duplicate_total Copies of records already stored (acknowledged again).\n"
         "# TYPE consent_hq_records_duplicate_total counter\n"
      << "consent_hq_records_duplicate_total " << duplicates_ << "\n"
      << "# HELP consent_hq_records_rejected_total Records refused for good, by reason.\n"
         "# TYPE consent_hq_records_rejected_total counter\n";
  for (const auto& [code, count] : rejected_) {
    out << "consent_hq_records_rejected_total{code=\"" << code << "\"} " << count << "\n";
  }
  out << "# HELP consent_hq_http_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE consent_hq_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out << "consent_hq_http_requests_total{path=\"" << key.first << "\",status=\"" << key.second << "\"} "
        << count << "\n";
  }
  out << "# HELP consent_hq_upload_batch_records Records per upload request.\n"
         "# TYPE consent_hq_upload_batch_records histogram\n";
  for (std::size_t i = 0; i < kBatchBuckets.size(); ++i) {
    out << "consent_hq_upload_batch_records_bucket{le=\"" << kBatchBuckets[i] << "\"} " << batch_buckets_[i]
        << "\n";
  }
  out << "consent_hq_upload_batch_records_bucket{le=\"+Inf\"} " << batches_ << "\n"
      << "consent_hq_upload_batch_records_sum " << batch_records_ << "\n"
      << "consent_hq_upload_batch_records_count " << batches_ << "\n"
      << "# HELP consent_hq_enrollments_total Enrollment attempts, by outcome.\n"
         "# TYPE consent_hq_enrollments_total counter\n";
  for (const auto& [outcome, count] : enrollments_) {
    out << "consent_hq_enrollments_total{outcome=\"" << outcome << "\"} " << count << "\n";
  }
  out << "# HELP consent_hq_enrolled_kiosks Kiosks enrolled with this head office.\n"
         "# TYPE consent_hq_enrolled_kiosks gauge\n"
      << "consent_hq_enrolled_kiosks " << enrolled_kiosks << "\n";
  return out.str();
}

}  // namespace kiosk::hq
