// kioskctl parse [FILE|-]: one barcode payload in, one JSON line out.
#include <sodium.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "ctl_command.hpp"
#include "kiosk/core/identity/aamva_parser.hpp"
#include "parse_output.hpp"

namespace kiosk::ctl {

namespace {

struct ReadFailure {
  std::string reason;
};

// Reads at most one byte past the parser's limit, so that a huge file or an endless pipe is
// reported as oversized without being read whole.
Expected<std::vector<std::uint8_t>, ReadFailure> read_payload(const std::string& path) {
  const bool from_stdin = path == "-";
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      from_stdin ? stdin : std::fopen(path.c_str(), "rb"),
      from_stdin ? [](std::FILE*) { return 0; } : std::fclose);
  if (!file) return fail(ReadFailure{std::strerror(errno)});
  std::vector<std::uint8_t> payload(identity::kMaxAamvaPayloadBytes + 1);
  const std::size_t got = std::fread(payload.data(), 1, payload.size(), file.get());
  if (std::ferror(file.get())) return fail(ReadFailure{std::strerror(errno)});
  payload.resize(got);
  return payload;
}

}  // namespace

ExitCode run_parse(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {}, {});
  if (!line) return print_error(context, ExitCode::BadInput, "usage", line.error().message);
  if (line->positionals().size() > 1) {
    return print_error(context, ExitCode::BadInput, "usage", "parse takes one FILE, or - for standard input");
  }
  const std::string path = line->positionals().empty() ? "-" : line->positionals().front();
  auto payload = read_payload(path);
  if (!payload) {
    return print_error(context, ExitCode::BadInput, "unreadable",
                       "cannot read " + path + ": " + payload.error().reason);
  }
  const ExitCode exit = print_parse_result(context, *payload);
  sodium_memzero(payload->data(), payload->size());
  return exit;
}

}  // namespace kiosk::ctl
