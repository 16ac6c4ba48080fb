// kioskctl scanner [--config FILE] [--seconds N] [--count N]: the field tech's check of the USB
// HID-POS scanner, through the same source the kiosk runs. One JSON line each time the scanner's
// state changes, then for each scan the line `kioskctl parse` prints. Exit 0 once --count scans
// were read; 2 when the time ran out first, with the scanner's last state in the error.
#include <nlohmann/json.hpp>

#include <chrono>
#include <stdexcept>

#include "ctl_command.hpp"
#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/drivers/scanner/usb_hid_pos_source.hpp"
#include "parse_output.hpp"

namespace kiosk::ctl {

namespace {

nlohmann::json status_line(const drivers::SourceStatus& status) {
  return {{"event", "scanner"},
          {"source", drivers::to_string(drivers::ScanSourceKind::UsbHidPos)},
          {"state", drivers::to_string(status.state)},
          {"text", status.text(Language::English)},
          {"text_fr", status.text(Language::French)}};
}

}  // namespace

ExitCode run_scanner(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {"--config", "--seconds", "--count"}, {});
  if (!line) return print_error(context, ExitCode::BadInput, "usage", line.error().message);
  auto config = line->option("--config") ? load_kiosk_config(*line->option("--config"))
                                         : parse_kiosk_config(embedded_demo_config(), "embedded demo config");
  if (!config) {
    return print_error(context, ExitCode::BadInput, to_string(config.error().code), config.error().message());
  }
  long seconds = 30;
  long count = 1;
  try {
    if (auto text = line->option("--seconds")) seconds = std::stol(*text);
    if (auto text = line->option("--count")) count = std::stol(*text);
  } catch (const std::logic_error&) {
    return print_error(context, ExitCode::BadInput, "usage",
                       "--seconds N and --count N must be whole numbers");
  }
  if (seconds < 1 || seconds > 3600 || count < 1 || count > 1000) {
    return print_error(context, ExitCode::BadInput, "usage", "--seconds takes 1 to 3600, --count 1 to 1000");
  }

  drivers::UsbHidPosOptions options;
  options.vendor_id = static_cast<std::uint16_t>(config->scanner_usb_vendor_id);
  options.product_id = static_cast<std::uint16_t>(config->scanner_usb_product_id);
  drivers::ScanQueue queue;
  drivers::UsbHidPosSource source(options, context.clock, context.logger);
  source.start(queue);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  drivers::SourceStatus shown;
  long scans = 0;
  while (scans < count && std::chrono::steady_clock::now() < deadline) {
    if (const auto status = source.status();
        status != shown && status.state != drivers::SourceState::Stopped) {
      print_json(context, status_line(status));
      shown = status;
    }
    if (auto scan = queue.pop(std::chrono::milliseconds(100))) {
      ++scans;
      print_parse_result(context, scan->payload);
    }
  }
  source.stop();
  if (scans < count) {
    return print_error(
        context, ExitCode::BadInput, "no-scan",
        "no scan within " + std::to_string(seconds) + " s; scanner: " + shown.text(Language::English));
  }
  return ExitCode::Ok;
}

}  // namespace kiosk::ctl
