#include "kiosk/hq/gap_report.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace kiosk::hq {
namespace {

using nlohmann::json;

KioskGaps examine_kiosk(std::span<const ChainLinkRow> rows, std::span<const ForkRow> forks) {
  KioskGaps gaps;
  gaps.kiosk_id = rows.front().kiosk_id;
  gaps.records = static_cast<std::int64_t>(rows.size());
  gaps.highest_seq = rows.back().seq;

  // Rows come by seq: group each number's records.
  std::map<std::int64_t, std::vector<const ChainLinkRow*>> by_seq;
  for (const ChainLinkRow& row : rows) by_seq[row.seq].push_back(&row);

  std::int64_t expected = 1;
  for (const auto& [seq, records] : by_seq) {
    if (seq > expected) gaps.missing.push_back({expected, seq - 1});
    expected = seq + 1;
    if (records.size() > 1) {
      ForkReport fork{seq, {}, {}};
      std::vector<const ChainLinkRow*> arrived = records;
      std::sort(arrived.begin(), arrived.end(), [](auto* a, auto* b) { return a->arrival < b->arrival; });
      for (const ChainLinkRow* record : arrived) fork.record_ids.push_back(record->record_id);
      for (const ForkRow& logged : forks) {
        if (logged.seq == seq && (fork.detected_at.empty() || logged.detected_at < fork.detected_at)) {
          fork.detected_at = logged.detected_at;
        }
      }
      gaps.forks.push_back(std::move(fork));
    }
    auto before = by_seq.find(seq - 1);
    if (before == by_seq.end()) continue;
    for (const ChainLinkRow* record : records) {
      const bool linked = std::any_of(before->second.begin(), before->second.end(), [&](auto* previous) {
        return previous->chain_hash == record->previous_hash;
      });
      if (!linked) {
        gaps.chain_breaks.push_back(
            {seq, record->record_id, record->previous_hash, before->second.front()->chain_hash});
      }
    }
  }

  std::vector<const ChainLinkRow*> arrival_order;
  for (const ChainLinkRow& row : rows) arrival_order.push_back(&row);
  std::sort(arrival_order.begin(), arrival_order.end(),
            [](auto* a, auto* b) { return a->arrival < b->arrival; });
  std::int64_t highest = 0;
  for (const ChainLinkRow* row : arrival_order) {
    if (row->seq < highest) gaps.out_of_order.push_back({row->seq, row->record_id, highest});
    highest = std::max(highest, row->seq);
  }
  return gaps;
}

}  // namespace

std::vector<KioskGaps> build_gap_report(std::span<const ChainLinkRow> links, std::span<const ForkRow> forks) {
  std::vector<KioskGaps> report;
  std::size_t start = 0;
  while (start < links.size()) {
    std::size_t end = start;
    while (end < links.size() && links[end].kiosk_id == links[start].kiosk_id) ++end;
    std::vector<ForkRow> kiosk_forks;
    std::copy_if(forks.begin(), forks.end(), std::back_inserter(kiosk_forks),
                 [&](const ForkRow& fork) { return fork.kiosk_id == links[start].kiosk_id; });
    report.push_back(examine_kiosk(links.subspan(start, end - start), kiosk_forks));
    start = end;
  }
  return report;
}

std::string gap_report_json(std::span<const KioskGaps> report) {
  json kiosks = json::array();
  std::int64_t missing = 0, forks = 0, breaks = 0, late = 0;
  for (const KioskGaps& gaps : report) {
    json ranges = json::array();
    for (const SeqRange& range : gaps.missing) {
      ranges.push_back({{"from", range.from}, {"to", range.to}});
      missing += range.to - range.from + 1;
    }
    json fork_list = json::array();
    for (const ForkReport& fork : gaps.forks) {
      json entry = {{"seq", fork.seq}, {"record_ids", fork.record_ids}};
      if (!fork.detected_at.empty()) entry["detected_at"] = fork.detected_at;
      fork_list.push_back(std::move(entry));
    }
    json break_list = json::array();
    for (const ChainBreak& link : gaps.chain_breaks) {
      break_list.push_back({{"seq", link.seq},
                            {"record_id", link.record_id},
                            {"previous_hash", link.previous_hash},
                            {"expected_previous_hash", link.expected}});
    }
    json late_list = json::array();
    for (const LateArrival& arrival : gaps.out_of_order) {
      late_list.push_back({{"seq", arrival.seq},
                           {"record_id", arrival.record_id},
                           {"arrived_after_seq", arrival.arrived_after_seq}});
    }
    forks += static_cast<std::int64_t>(gaps.forks.size());
    breaks += static_cast<std::int64_t>(gaps.chain_breaks.size());
    late += static_cast<std::int64_t>(gaps.out_of_order.size());
    kiosks.push_back({{"kiosk_id", gaps.kiosk_id},
                      {"records", gaps.records},
                      {"highest_seq", gaps.highest_seq},
                      {"missing", std::move(ranges)},
                      {"forks", std::move(fork_list)},
                      {"chain_breaks", std::move(break_list)},
                      {"out_of_order", std::move(late_list)}});
  }
  const json out = {{"ok", true},
                    {"kiosks", std::move(kiosks)},
                    {"summary",
                     {{"kiosks", static_cast<std::int64_t>(report.size())},
                      {"missing", missing},
                      {"forks", forks},
                      {"chain_breaks", breaks},
                      {"out_of_order", late}}}};
  return out.dump();
}

Expected<std::string, HqError> gap_report_json_of(HeadOfficeStorage& storage) {
  auto links = storage.chain_links();
  if (!links) return fail(links.error());
  auto forks = storage.forks();
  if (!forks) return fail(forks.error());
  return gap_report_json(build_gap_report(*links, *forks));
}

}  // namespace kiosk::hq
