#include "kiosk/drivers/scanner/hid_pos_report.hpp"

#include "kiosk/core/sensitive.hpp"

namespace kiosk::drivers {
namespace {

HidPosReportError too_short(std::size_t size, std::size_t needed) {
  return {HidPosReportErrc::TooShort,
          "report of " + std::to_string(size) + " bytes, layout needs " + std::to_string(needed)};
}

}  // namespace

Expected<std::optional<HidPosFragment>, HidPosReportError> parse_hid_pos_report(
    std::span<const std::uint8_t> report, const HidPosReportLayout& layout) {
  if (report.empty()) return fail(too_short(0, 1));
  if (layout.report_id != 0 && report[0] != layout.report_id) return std::optional<HidPosFragment>{};

  std::size_t length = layout.data_capacity;
  if (layout.length_at) {
    if (*layout.length_at >= report.size()) return fail(too_short(report.size(), *layout.length_at + 1));
    length = report[*layout.length_at];
    if (length > layout.data_capacity) {
      return fail(HidPosReportError{HidPosReportErrc::BadLength,
                                    "byte count " + std::to_string(length) + " exceeds the " +
                                        std::to_string(layout.data_capacity) + "-byte data field"});
    }
  }
  if (layout.data_at + length > report.size()) {
    return fail(too_short(report.size(), layout.data_at + length));
  }

  HidPosFragment fragment;
  fragment.data = report.subspan(layout.data_at, length);
  if (!layout.length_at) {
    // Without a byte count the field is padded with NULs; AAMVA text never contains NUL.
    std::size_t used = fragment.data.size();
    while (used > 0 && fragment.data[used - 1] == 0) --used;
    fragment.data = fragment.data.first(used);
  }
  for (const auto& at : layout.symbology_at) {
    if (!at || *at >= report.size() || report[*at] == 0) break;
    fragment.symbology.push_back(static_cast<char>(report[*at]));
  }
  if (layout.continued_bit) {
    const std::size_t byte = *layout.continued_bit / 8;
    // A report cut short before the flags byte cannot be trusted to be the last one.
    if (byte >= report.size()) return fail(too_short(report.size(), byte + 1));
    fragment.continued = ((report[byte] >> (*layout.continued_bit % 8)) & 1U) != 0;
  }
  return std::optional<HidPosFragment>(fragment);
}

HidPosScanAssembler::HidPosScanAssembler(HidPosReportLayout layout, std::size_t max_scan_bytes,
                                         std::chrono::milliseconds max_gap)
    : layout_(layout), max_scan_bytes_(max_scan_bytes), max_gap_(max_gap) {
  // One allocation up front: growing would leave copies of earlier fragments in freed memory.
  partial_.reserve(max_scan_bytes_);
}

HidPosScanAssembler::~HidPosScanAssembler() {
  reset();
}

void HidPosScanAssembler::reset() {
  wipe(partial_);  // keeps the reserved buffer
  wipe(symbology_);
  pending_ = false;
}

Expected<std::optional<HidPosScan>, HidPosReportError> HidPosScanAssembler::add(
    std::span<const std::uint8_t> report, std::chrono::steady_clock::time_point at) {
  if (pending_ && at - last_ > max_gap_) reset();
  auto parsed = parse_hid_pos_report(report, layout_);
  if (!parsed) {
    reset();
    return fail(std::move(parsed).error());
  }
  if (!parsed->has_value()) return std::optional<HidPosScan>{};
  const HidPosFragment& fragment = **parsed;
  // An empty, final report on its own is a scanner's "no read": nothing to deliver.
  if (!pending_ && fragment.data.empty() && !fragment.continued) return std::optional<HidPosScan>{};

  if (partial_.size() + fragment.data.size() > max_scan_bytes_) {
    reset();
    return fail(HidPosReportError{HidPosReportErrc::ScanTooLong,
                                  "scan longer than " + std::to_string(max_scan_bytes_) + " bytes"});
  }
  if (!pending_) symbology_ = fragment.symbology;
  partial_.insert(partial_.end(), fragment.data.begin(), fragment.data.end());
  pending_ = true;
  last_ = at;
  if (fragment.continued) return std::optional<HidPosScan>{};

  HidPosScan scan;
  scan.payload.assign(partial_.begin(), partial_.end());
  scan.symbology = symbology_;
  reset();
  return std::optional<HidPosScan>(std::move(scan));
}

}  // namespace kiosk::drivers
