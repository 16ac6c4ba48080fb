#pragma once
// Per kiosk, what the envelopes' signed numbers and chain links say about delivery: numbers never
// received, two records under one number (a fork: a restored backup, a cloned disk), links that do
// not name the previous record's chain hash, and records that arrived after a later one.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/hq/head_office_storage.hpp"

namespace kiosk::hq {

struct SeqRange {
  std::int64_t from = 0;
  std::int64_t to = 0;
};

struct ForkReport {
  std::int64_t seq = 0;
  std::vector<std::string> record_ids;  // in arrival order
  std::string detected_at;              // empty when the record store knows it but the fork log does not
};

struct ChainBreak {
  std::int64_t seq = 0;
  std::string record_id;
  std::string previous_hash;  // what the record names
  std::string expected;       // the chain hash of the record numbered seq - 1
};

struct LateArrival {
  std::int64_t seq = 0;
  std::string record_id;
  std::int64_t arrived_after_seq = 0;  // the highest number received before it
};

struct KioskGaps {
  std::string kiosk_id;
  std::int64_t records = 0;
  std::int64_t highest_seq = 0;
  std::vector<SeqRange> missing;
  std::vector<ForkReport> forks;
  std::vector<ChainBreak> chain_breaks;
  std::vector<LateArrival> out_of_order;
};

// `links` ordered by kiosk, then seq, then arrival (as HeadOfficeStorage::chain_links gives them).
std::vector<KioskGaps> build_gap_report(std::span<const ChainLinkRow> links, std::span<const ForkRow> forks);

// The JSON of `consent-hq gaps` and GET /v1/admin/gaps.
std::string gap_report_json(std::span<const KioskGaps> report);
Expected<std::string, HqError> gap_report_json_of(HeadOfficeStorage& storage);

}  // namespace kiosk::hq
