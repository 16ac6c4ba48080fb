// kioskctl scan [--raw] IMAGE...: the PDF417 barcode of each image, decoded and parsed.
#include <sodium.h>

#include "ctl_command.hpp"
#include "kiosk/drivers/decode/image_file.hpp"
#include "kiosk/drivers/decode/pdf417_decoder.hpp"
#include "parse_output.hpp"

namespace kiosk::ctl {
namespace {

// 1 (internal) outranks 2 (bad input), which outranks 0: the exit reports the worst image.
ExitCode worse(ExitCode a, ExitCode b) {
  auto rank = [](ExitCode code) {
    return code == ExitCode::InternalError ? 2 : code == ExitCode::BadInput ? 1 : 0;
  };
  return rank(a) >= rank(b) ? a : b;
}

// With --raw, standard output carries payload bytes only, so failures go to standard error.
ExitCode report_failure(CtlContext& context, bool raw, std::string_view code, std::string_view message) {
  CtlContext errors{context.err, context.err, context.clock, context.logger};
  return print_error(raw ? errors : context, ExitCode::BadInput, code, message);
}

ExitCode scan_one(CtlContext& context, const std::string& path, bool raw) {
  auto image = drivers::load_gray_image(path);
  if (!image) {
    return report_failure(context, raw, drivers::to_string(image.error().code), image.error().message());
  }
  auto decoded = drivers::decode_pdf417(image->view());
  if (!decoded) {
    return report_failure(
        context, raw, "no-barcode",
        path + ": no readable PDF417 barcode in the image; hold the card's back flat and closer");
  }
  std::vector<std::uint8_t>& payload = decoded->payload;
  ExitCode exit = ExitCode::Ok;
  if (raw) {
    context.out.write(reinterpret_cast<const char*>(payload.data()),
                      static_cast<std::streamsize>(payload.size()));
    context.out.flush();
  } else {
    exit = print_parse_result(context, payload);
  }
  sodium_memzero(payload.data(), payload.size());
  return exit;
}

}  // namespace

ExitCode run_scan(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {}, {"--raw"});
  if (!line) return print_error(context, ExitCode::BadInput, "usage", line.error().message);
  if (line->positionals().empty()) {
    return print_error(context, ExitCode::BadInput, "usage",
                       "scan takes one or more IMAGE files (PNG, JPEG, PGM)");
  }
  ExitCode overall = ExitCode::Ok;
  for (const auto& path : line->positionals())
    overall = worse(overall, scan_one(context, path, line->flag("--raw")));
  return overall;
}

}  // namespace kiosk::ctl
