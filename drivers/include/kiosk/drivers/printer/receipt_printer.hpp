#pragma once
// The receipt printer: an ESC/POS printer behind a transport (USB through libusb, or a fake one).
// Printing asks the printer for its state first (DLE EOT), sends the job, and asks again, so a
// printer that is absent, out of paper, offline or unplugged mid-job is told apart and reported
// as a code the kiosk turns into a message. Nothing here touches the consent: it is saved before
// anything is printed.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/core/language.hpp"

namespace kiosk::drivers::printer {

enum class PrinterErrc {
  Absent,            // no printer on the bus
  PermissionDenied,  // there, but this user may not open it (udev rule missing)
  Busy,              // another program holds it
  OutOfPaper,
  CoverOpen,
  Offline,       // the printer says it is offline (error state, feed button held)
  Unplugged,     // it went away during the job
  NotAnswering,  // it took no bytes or gave no status in time
  Failed,        // any other USB error
};

std::string_view to_string(PrinterErrc code);
// What the client reads, with what to do next.
Bilingual client_message(PrinterErrc code);

struct PrinterError {
  PrinterErrc code;
  std::string detail;  // for the log: never a client's data
};

// The wire: bytes to the printer, status bytes back.
class PrinterTransport {
 public:
  virtual ~PrinterTransport() = default;
  virtual Status<PrinterError> open() = 0;
  virtual Status<PrinterError> write(std::span<const std::uint8_t> bytes) = 0;
  // False when the printer has no way to answer (no IN endpoint): status is then not asked.
  virtual bool can_read_status() const = 0;
  // One status byte, waiting a short while for it.
  virtual Expected<std::uint8_t, PrinterError> read_status() = 0;
  virtual void close() noexcept = 0;
};

class ReceiptPrinter {
 public:
  virtual ~ReceiptPrinter() = default;
  virtual Status<PrinterError> print(std::span<const std::uint8_t> job) = 0;
};

// ESC/POS real-time status (DLE EOT n) read as the kiosk needs it.
struct PrinterStatus {
  bool offline = false;
  bool cover_open = false;
  bool paper_out = false;
};
// n = 1 printer, 2 offline cause, 4 paper sensor: each answers one byte.
PrinterStatus decode_status(std::uint8_t printer, std::uint8_t offline_cause, std::uint8_t paper);

class EscPosPrinter final : public ReceiptPrinter {
 public:
  // Bytes per write: a job is sent in pieces, so an unplugged printer is noticed within one.
  static constexpr std::size_t kChunkBytes = 1024;

  explicit EscPosPrinter(std::unique_ptr<PrinterTransport> transport) : transport_(std::move(transport)) {}
  Status<PrinterError> print(std::span<const std::uint8_t> job) override;

 private:
  Status<PrinterError> check_ready();
  std::unique_ptr<PrinterTransport> transport_;
};

// A printer in memory, scripted by tests and the headless demo: what it received, and the
// faults it plays.
struct FakePrinterScript {
  bool present = true;
  bool offline = false;
  bool cover_open = false;
  bool paper_out = false;
  // The paper runs out once this many bytes have been taken.
  std::optional<std::size_t> paper_out_after;
  // The printer goes away once this many bytes have been taken.
  std::optional<std::size_t> unplug_after;
  bool answers_status = true;
};

class FakePrinterTransport final : public PrinterTransport {
 public:
  explicit FakePrinterTransport(std::shared_ptr<FakePrinterScript> script,
                                std::shared_ptr<std::vector<std::uint8_t>> received)
      : script_(std::move(script)), received_(std::move(received)) {}
  Status<PrinterError> open() override;
  Status<PrinterError> write(std::span<const std::uint8_t> bytes) override;
  bool can_read_status() const override { return script_->answers_status; }
  Expected<std::uint8_t, PrinterError> read_status() override;
  void close() noexcept override { open_ = false; }

 private:
  std::shared_ptr<FakePrinterScript> script_;
  std::shared_ptr<std::vector<std::uint8_t>> received_;
  std::vector<std::uint8_t> pending_status_;
  bool open_ = false;
  bool gone_ = false;
};

struct UsbPrinterOptions {
  // Only this printer; 0 matches any printer-class interface.
  std::uint16_t vendor_id = 0;
  std::uint16_t product_id = 0;
  // Take the interface from the kernel's usblp driver (given back when the job ends).
  bool detach_kernel_driver = true;
  unsigned write_timeout_ms = 5000;
  unsigned status_timeout_ms = 1000;
};

// USB printer class (7) or, for a configured VID:PID, a vendor-specific interface: a bulk OUT
// endpoint for the job and, where there is one, a bulk IN endpoint for the status.
std::unique_ptr<PrinterTransport> make_usb_printer_transport(UsbPrinterOptions options);

}  // namespace kiosk::drivers::printer
