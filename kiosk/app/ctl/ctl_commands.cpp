#include "ctl_command.hpp"

namespace kiosk::ctl {

ExitCode run_config_check(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_parse(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_scan(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_selftest(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_diagnostics(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_demo_load(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_verify(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_ledger(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_scanner(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_provision(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_sync(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_status(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_receipt(CtlContext& context, const std::vector<std::string>& args);
ExitCode run_staff(CtlContext& context, const std::vector<std::string>& args);

std::span<const CtlCommand> ctl_commands() {
  static constexpr CtlCommand commands[] = {
      {"config-check", "config-check [--config FILE]",
       "validate a kiosk.toml (default: the embedded demo config)", run_config_check},
      {"parse", "parse [FILE|-]", "read an ID card's AAMVA barcode payload; print the document as JSON",
       run_parse},
      {"scan", "scan [--raw] IMAGE...",
       "decode the PDF417 barcode in PNG/JPEG/PGM images; one parse line each", run_scan},
      {"selftest", "selftest --config FILE [--json] [--min-free-mb N]",
       "check sample ID reads, keys, head office, clock, disk, database and devices; exit 2 on a failure",
       run_selftest},
      {"diagnostics", "diagnostics --config FILE --out FILE [--log FILE]",
       "write one JSON file for support: versions, config, self-test, queue, log, audit counts; no personal "
       "data",
       run_diagnostics},
      {"demo-load", "demo-load --db PATH|--config FILE --count N [--payloads DIR] [--seed S]",
       "record N demo consent sessions; prints 'committed <record-id>' after each commit", run_demo_load},
      {"verify", "verify --db PATH", "check database integrity, ledger and audit chains, outbox", run_verify},
      {"ledger", "ledger --db PATH", "one JSON line per ledger record, nothing identifying", run_ledger},
      {"scanner", "scanner [--config FILE] [--seconds N] [--count N]",
       "watch the USB HID-POS scanner; print its state and what it reads", run_scanner},
      {"provision",
       "provision --config FILE --hq-url URL --token TOKEN [--kiosk-id ID] [--store-name NAME] [--time-zone "
       "ZONE]",
       "enroll with head office: make this kiosk's keys, pin head office, write FILE, keys and database",
       run_provision},
      {"sync", "sync --config FILE --once",
       "deliver the outbox to head office now; JSON with sent, acked, pending, last_error", run_sync},
      {"status", "status --config FILE",
       "enrollment, key fingerprints, queue depth, last sync and error (reads only)", run_status},
      {"receipt",
       "receipt verify QRTEXT --db PATH [--kiosk-id ID]|--config FILE | receipt show --db PATH [--kiosk-id "
       "ID]|--config FILE --id ID --out DIR",
       "check a receipt's QR text against the kiosk's key (exit 0 valid, 2 not); or write a record's "
       "receipt.txt, receipt.png and receipt.escpos",
       run_receipt},
      {"staff",
       "staff add|list|remove --config FILE|--db PATH [--id ID] [--role associate|tech] (PIN on stdin)",
       "enroll, list or remove the staff who may sign in at the kiosk; PINs are kept only hashed", run_staff},
  };
  return commands;
}

}  // namespace kiosk::ctl
