#include "kiosk/drivers/printer/receipt_printer.hpp"

#include <algorithm>

#include "kiosk/text/kiosk_text.hpp"

namespace kiosk::drivers::printer {
namespace {

constexpr std::uint8_t kDle = 0x10;
constexpr std::uint8_t kEot = 0x04;
constexpr std::uint8_t kStatusPrinter = 1;
constexpr std::uint8_t kStatusOfflineCause = 2;
constexpr std::uint8_t kStatusPaper = 4;
// Bits 1 and 4 are always set in a DLE EOT answer: a byte without them is not one.
constexpr std::uint8_t kFixedBits = 0x12;
constexpr std::uint8_t kFixedMask = 0x93;

}  // namespace

std::string_view to_string(PrinterErrc code) {
  switch (code) {
    case PrinterErrc::Absent: return "printer-absent";
    case PrinterErrc::PermissionDenied: return "printer-permission-denied";
    case PrinterErrc::Busy: return "printer-busy";
    case PrinterErrc::OutOfPaper: return "printer-out-of-paper";
    case PrinterErrc::CoverOpen: return "printer-cover-open";
    case PrinterErrc::Offline: return "printer-offline";
    case PrinterErrc::Unplugged: return "printer-unplugged";
    case PrinterErrc::NotAnswering: return "printer-not-answering";
    case PrinterErrc::Failed: return "printer-failed";
  }
  return "printer-error";
}

Bilingual client_message(PrinterErrc code) {
  switch (code) {
    case PrinterErrc::OutOfPaper: return text::printer::out_of_paper;
    case PrinterErrc::CoverOpen: return text::printer::cover_open;
    case PrinterErrc::Unplugged: return text::printer::unplugged;
    case PrinterErrc::Absent:
    case PrinterErrc::PermissionDenied:
    case PrinterErrc::Busy: return text::printer::absent;
    case PrinterErrc::Offline:
    case PrinterErrc::NotAnswering:
    case PrinterErrc::Failed: break;
  }
  return text::printer::not_responding;
}

PrinterStatus decode_status(std::uint8_t printer, std::uint8_t offline_cause, std::uint8_t paper) {
  PrinterStatus status;
  status.offline = (printer & 0x08) != 0;
  status.cover_open = (offline_cause & 0x04) != 0;
  status.paper_out = (offline_cause & 0x20) != 0 || (paper & 0x60) == 0x60;
  return status;
}

Status<PrinterError> EscPosPrinter::check_ready() {
  if (!transport_->can_read_status()) return Ok{};
  std::uint8_t answers[3] = {};
  const std::uint8_t asks[3] = {kStatusPrinter, kStatusOfflineCause, kStatusPaper};
  for (std::size_t i = 0; i < 3; ++i) {
    const std::uint8_t query[3] = {kDle, kEot, asks[i]};
    if (auto sent = transport_->write(query); !sent) return sent;
    auto answer = transport_->read_status();
    if (!answer) return fail(answer.error());
    if ((*answer & kFixedMask) != kFixedBits) {
      return fail(PrinterError{PrinterErrc::Failed, "not an ESC/POS status byte"});
    }
    answers[i] = *answer;
  }
  const PrinterStatus status = decode_status(answers[0], answers[1], answers[2]);
  if (status.paper_out) return fail(PrinterError{PrinterErrc::OutOfPaper, "paper sensor"});
  if (status.cover_open) return fail(PrinterError{PrinterErrc::CoverOpen, "cover sensor"});
  if (status.offline) return fail(PrinterError{PrinterErrc::Offline, "printer status"});
  return Ok{};
}

Status<PrinterError> EscPosPrinter::print(std::span<const std::uint8_t> job) {
  if (auto opened = transport_->open(); !opened) return opened;
  auto result = [&]() -> Status<PrinterError> {
    if (auto ready = check_ready(); !ready) return ready;
    for (std::size_t at = 0; at < job.size(); at += kChunkBytes) {
      if (auto sent = transport_->write(job.subspan(at, std::min(kChunkBytes, job.size() - at))); !sent) {
        return sent;
      }
    }
    // Asked again: paper that ran out during the job means a receipt cut short.
    return check_ready();
  }();
  transport_->close();
  return result;
}

Status<PrinterError> FakePrinterTransport::open() {
  if (!script_->present) return fail(PrinterError{PrinterErrc::Absent, "fake printer absent"});
  // Present again after going away: plugged back in, as a new device.
  gone_ = false;
  pending_status_.clear();
  open_ = true;
  return Ok{};
}

Status<PrinterError> FakePrinterTransport::write(std::span<const std::uint8_t> bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (script_->unplug_after && received_->size() >= *script_->unplug_after) {
      gone_ = true;
      script_->present = false;
    }
    if (gone_ || !open_) return fail(PrinterError{PrinterErrc::Unplugged, "fake printer went away"});
    received_->push_back(bytes[i]);
    if (script_->paper_out_after && received_->size() >= *script_->paper_out_after) script_->paper_out = true;
  }
  // A status query comes as a write of its own; the same bytes inside image data are data.
  if (bytes.size() == 3 && bytes[0] == kDle && bytes[1] == kEot) {
    const std::uint8_t ask = bytes[2];
    std::uint8_t answer = kFixedBits;
    if (ask == kStatusPrinter && (script_->offline || script_->cover_open || script_->paper_out))
      answer |= 0x08;
    if (ask == kStatusOfflineCause && script_->cover_open) answer |= 0x04;
    if (ask == kStatusOfflineCause && script_->paper_out) answer |= 0x20;
    if (ask == kStatusPaper && script_->paper_out) answer |= 0x60;
    pending_status_.push_back(answer);
  }
  return Ok{};
}

Expected<std::uint8_t, PrinterError> FakePrinterTransport::read_status() {
  if (gone_) return fail(PrinterError{PrinterErrc::Unplugged, "fake printer went away"});
  if (pending_status_.empty()) return fail(PrinterError{PrinterErrc::NotAnswering, "no status byte"});
  const std::uint8_t answer = pending_status_.front();
  pending_status_.erase(pending_status_.begin());
  return answer;
}

}  // namespace kiosk::drivers::printer
