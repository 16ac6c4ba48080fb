#include "kiosk/app/receipt_desk.hpp"

namespace kiosk {

using drivers::printer::PrinterError;

ReceiptDesk::ReceiptDesk(std::unique_ptr<drivers::printer::ReceiptPrinter> printer, Logger& logger,
                         std::function<void()> on_printed)
    : printer_(std::move(printer)), logger_(logger), on_printed_(std::move(on_printed)) {
  if (printer_) thread_ = std::thread([this] { run(); });
}

ReceiptDesk::~ReceiptDesk() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ReceiptDesk::on_committed(std::uint64_t serial, const consent::ConsentRecord& record, std::string code,
                               const consent::ConsentModel& model, const receipt::ReceiptSource& source) {
  Current current;
  current.serial = serial;
  current.receipt = receipt::build_receipt(record, model, source);
  current.receipt.code = std::move(code);
  if (!current.receipt.code.empty()) current.qr = receipt::qr_modules(current.receipt.code);
  current_ = std::move(current);
}

void ReceiptDesk::forget() {
  current_.reset();
}

bool ReceiptDesk::print(std::uint64_t serial) {
  if (!printer_ || !current_ || current_->serial != serial || current_->print == PrintState::Printing) {
    return false;
  }
  auto bytes = receipt::receipt_escpos(current_->receipt, current_->receipt.language);
  {
    std::lock_guard lock(mutex_);
    if (job_ || working_) return false;
    job_.emplace(serial, std::move(bytes));
  }
  current_->print = PrintState::Printing;
  current_->error.reset();
  wakeup_.notify_all();
  return true;
}

bool ReceiptDesk::poll() {
  std::optional<std::pair<std::uint64_t, Status<PrinterError>>> outcome;
  {
    std::lock_guard lock(mutex_);
    outcome.swap(outcome_);
  }
  if (!outcome) return false;
  const auto& [serial, result] = *outcome;
  if (!result) {
    // The detail is the USB layer's words: never a client's data.
    logger_.warn("printer", std::string(drivers::printer::to_string(result.error().code)) + ": " +
                                result.error().detail);
  } else {
    logger_.info("printer", "receipt printed");
  }
  if (!current_ || current_->serial != serial) return false;  // that client has gone
  current_->print = result ? PrintState::Printed : PrintState::Failed;
  if (!result) current_->error = result.error().code;
  return true;
}

bool ReceiptDesk::printing() const {
  std::lock_guard lock(mutex_);
  return job_.has_value() || working_ || outcome_.has_value();
}

std::optional<ReceiptShown> ReceiptDesk::shown(std::uint64_t serial) const {
  if (!current_ || current_->serial != serial) return std::nullopt;
  ReceiptShown shown;
  shown.record_id = current_->receipt.receipt_id;
  shown.code = current_->receipt.code;
  shown.qr = current_->qr;
  shown.can_print = printer_ != nullptr;
  shown.print = current_->print;
  shown.print_error = current_->error;
  return shown;
}

const receipt::Receipt* ReceiptDesk::receipt(std::uint64_t serial) const {
  return current_ && current_->serial == serial ? &current_->receipt : nullptr;
}

void ReceiptDesk::run() noexcept {
  for (;;) {
    std::pair<std::uint64_t, std::vector<std::uint8_t>> job;
    {
      std::unique_lock lock(mutex_);
      wakeup_.wait(lock, [this] { return stopping_ || job_.has_value(); });
      if (!job_) return;  // stopping, nothing left
      job = std::move(*job_);
      job_.reset();
      working_ = true;
    }
    Status<PrinterError> result = Ok{};
    try {
      result = printer_->print(job.second);
    } catch (const std::exception& e) {
      result = fail(PrinterError{drivers::printer::PrinterErrc::Failed, e.what()});
    }
    {
      std::lock_guard lock(mutex_);
      outcome_.emplace(job.first, std::move(result));
      working_ = false;
    }
    if (on_printed_) on_printed_();
  }
}

}  // namespace kiosk
