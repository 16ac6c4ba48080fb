#pragma once
// The client's receipt once their consent is saved: built from the committed record and the code
// the store worker signed, shown with its QR, and printed on request by a thread of its own, so
// that a slow or missing printer never holds a frame. A printing failure changes nothing of the
// consent: the record was committed before the receipt existed.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "kiosk/core/consent/consent_model.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/drivers/printer/receipt_printer.hpp"
#include "kiosk/receipt/receipt.hpp"
#include "kiosk/receipt/receipt_print.hpp"

namespace kiosk {

enum class PrintState { Idle, Printing, Printed, Failed };

// What the saved screen shows of the receipt.
struct ReceiptShown {
  std::string record_id;
  std::string code;
  drivers::printer::MonoBitmap qr;  // one cell a module, no quiet zone
  bool can_print = false;
  PrintState print = PrintState::Idle;
  std::optional<drivers::printer::PrinterErrc> print_error;
};

class ReceiptDesk {
 public:
  // `printer` null: no printer configured, the receipt is on screen only. `on_printed` runs on
  // the printing thread after each job ends (e.g. Platform::wake).
  ReceiptDesk(std::unique_ptr<drivers::printer::ReceiptPrinter> printer, Logger& logger,
              std::function<void()> on_printed);
  // Waits for the job in hand: a printer is never left with half a command.
  ~ReceiptDesk();
  ReceiptDesk(const ReceiptDesk&) = delete;
  ReceiptDesk& operator=(const ReceiptDesk&) = delete;

  // The session's record was committed and its code signed (empty: signing failed, no QR).
  void on_committed(std::uint64_t serial, const consent::ConsentRecord& record, std::string code,
                    const consent::ConsentModel& model, const receipt::ReceiptSource& source);
  // The session ended: its receipt goes.
  void forget();
  // Prints the receipt of `serial` in its language; false when there is none, no printer, or a
  // job in hand.
  bool print(std::uint64_t serial);
  // Takes the printer's answer to the last job; true when it changed what is shown.
  bool poll();
  bool printing() const;

  std::optional<ReceiptShown> shown(std::uint64_t serial) const;
  const receipt::Receipt* receipt(std::uint64_t serial) const;

 private:
  void run() noexcept;

  struct Current {
    std::uint64_t serial = 0;
    receipt::Receipt receipt;
    drivers::printer::MonoBitmap qr;
    PrintState print = PrintState::Idle;
    std::optional<drivers::printer::PrinterErrc> error;
  };

  std::unique_ptr<drivers::printer::ReceiptPrinter> printer_;
  Logger& logger_;
  std::function<void()> on_printed_;
  std::optional<Current> current_;

  mutable std::mutex mutex_;
  std::condition_variable wakeup_;
  std::optional<std::pair<std::uint64_t, std::vector<std::uint8_t>>> job_;
  std::optional<std::pair<std::uint64_t, Status<drivers::printer::PrinterError>>> outcome_;
  bool working_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace kiosk
