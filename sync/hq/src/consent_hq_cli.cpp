#include "kiosk/hq/consent_hq_cli.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <span>

#include "kiosk/core/command_line.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/core/exit_code.hpp"
#include "kiosk/hq/client_state.hpp"
#include "kiosk/hq/enrollment_desk.hpp"
#include "kiosk/hq/gap_report.hpp"
#include "kiosk/hq/head_office_init.hpp"
#include "kiosk/hq/head_office_server.hpp"
#include "kiosk/hq/stop_signals.hpp"
#include "kiosk/receipt/receipt_code.hpp"
#include "kiosk/store/policy_assets.hpp"

namespace kiosk::hq {
namespace {

using nlohmann::json;

void print_json(HqCliContext& context, const json& value) {
  context.out << value.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  context.out.flush();
}

ExitCode print_error(HqCliContext& context, ExitCode exit, std::string_view code, std::string_view message) {
  print_json(context, {{"ok", false}, {"error", {{"code", code}, {"message", message}}}});
  return exit;
}

ExitCode print_error(HqCliContext& context, const HqError& error) {
  const bool internal = error.code == HqErrc::Internal || error.code == HqErrc::Storage ||
                        error.code == HqErrc::StorageBusy || error.code == HqErrc::StorageUnavailable;
  return print_error(context, internal ? ExitCode::InternalError : ExitCode::BadInput, to_string(error.code),
                     error.detail);
}

// Each command's arguments: --config always, plus what it names.
struct Arguments {
  CommandLine line;
  HqConfig config;
};

Expected<Arguments, ExitCode> read_arguments(HqCliContext& context, const std::vector<std::string>& args,
                                             std::set<std::string> options) {
  options.insert("--config");
  auto line = CommandLine::parse(args, options, {});
  if (!line) return fail(print_error(context, ExitCode::BadInput, "bad-arguments", line.error().message));
  if (!line->positionals().empty()) {
    return fail(
        print_error(context, ExitCode::BadInput, "bad-arguments", "unexpected " + line->positionals()[0]));
  }
  auto file = line->option("--config");
  if (!file)
    return fail(print_error(context, ExitCode::BadInput, "bad-arguments", "--config FILE is required"));
  auto config = load_hq_config(*file);
  if (!config) return fail(print_error(context, config.error()));
  return Arguments{std::move(*line), std::move(*config)};
}

ExitCode init_command(HqCliContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {"--dir", "--listen", "--database"}, {});
  if (!line) return print_error(context, ExitCode::BadInput, "bad-arguments", line.error().message);
  InitOptions options;
  auto dir = line->option("--dir");
  if (!dir || !line->positionals().empty()) {
    return print_error(context, ExitCode::BadInput, "bad-arguments",
                       "usage: init --dir DIR [--listen HOST:PORT]");
  }
  options.dir = *dir;
  if (auto listen = line->option("--listen")) {
    auto address = parse_listen_address(*listen);
    if (!address) return print_error(context, address.error());
    options.listen = *address;
  }
  options.database = line->option("--database").value_or("");
  auto report = init_head_office(options, context.clock);
  if (!report) return print_error(context, report.error());
  print_json(context, {{"ok", true},
                       {"config", report->config_file.string()},
                       {"listen", report->listen},
                       {"database", report->backend},
                       {"identity_public_key", report->identity_public_key},
                       {"box_key_id", report->box_key_id},
                       {"certificate_pin", report->certificate_pin}});
  return ExitCode::Ok;
}

ExitCode enroll_command(HqCliContext& context, const std::vector<std::string>& args) {
  auto arguments = read_arguments(context, args, {"--kiosk-id", "--ttl-hours"});
  if (!arguments) return arguments.error();
  auto kiosk_id = arguments->line.option("--kiosk-id");
  if (!kiosk_id)
    return print_error(context, ExitCode::BadInput, "bad-arguments", "--kiosk-id ID is required");
  std::int64_t ttl = arguments->config.token_ttl_hours;
  if (auto text = arguments->line.option("--ttl-hours")) {
    try {
      std::size_t used = 0;
      ttl = std::stoll(*text, &used);
      if (used != text->size() || ttl < 1 || ttl > 24 * 30) throw std::invalid_argument("range");
    } catch (const std::exception&) {
      return print_error(context, ExitCode::BadInput, "bad-arguments", "--ttl-hours takes 1 to 720");
    }
  }
  auto storage = open_storage(storage_options_of(arguments->config));
  if (!storage) return print_error(context, storage.error());
  auto issued = issue_enrollment_token(**storage, *kiosk_id, std::chrono::hours(ttl), context.clock);
  if (!issued) return print_error(context, issued.error());
  print_json(context, {{"ok", true},
                       {"kiosk_id", issued->kiosk_id},
                       {"token", issued->token.text()},
                       {"token_id", issued->token.id()},
                       {"expires_at", issued->expires_at}});
  return ExitCode::Ok;
}

ExitCode rotate_key_command(HqCliContext& context, const std::vector<std::string>& args) {
  auto arguments = read_arguments(context, args, {});
  if (!arguments) return arguments.error();
  auto added = add_box_key(arguments->config.box_keys);
  if (!added) return print_error(context, added.error());
  auto keyring = load_box_keyring(arguments->config.box_keys);
  if (!keyring) return print_error(context, keyring.error());
  print_json(context,
             {{"ok", true},
              {"box_key", {{"id", seal::to_hex(added->id)}, {"public", seal::to_hex(added->public_key)}}},
              {"keys", keyring->keys().size()}});
  return ExitCode::Ok;
}

ExitCode serve_command(HqCliContext& context, const std::vector<std::string>& args) {
  StopSignals stop_signals;
  auto arguments = read_arguments(context, args, {});
  if (!arguments) return arguments.error();
  auto head_office = HeadOffice::open(arguments->config, context.clock, context.logger);
  if (!head_office) return print_error(context, head_office.error());
  HeadOfficeServer server(**head_office);
  auto port = server.bind();
  if (!port) return print_error(context, port.error());
  ListenAddress bound = arguments->config.listen;
  bound.port = *port;
  print_json(context, {{"ok", true}, {"listening", bound.text()}, {"version", consent_hq_version()}});
  context.logger.info("consent-hq", "serving on " + bound.text());
  stop_signals.serve_until_received(server);
  context.logger.info("consent-hq", "stopped");
  return ExitCode::Ok;
}

// The read-only commands take --config FILE only, then ask the storage one question.
ExitCode with_storage(HqCliContext& context, const std::vector<std::string>& args,
                      const std::function<ExitCode(HeadOfficeStorage&)>& ask) {
  auto arguments = read_arguments(context, args, {});
  if (!arguments) return arguments.error();
  auto storage = open_storage(storage_options_of(arguments->config));
  if (!storage) return print_error(context, storage.error());
  return ask(**storage);
}

ExitCode count_command(HqCliContext& context, const std::vector<std::string>& args) {
  return with_storage(context, args, [&](HeadOfficeStorage& storage) {
    auto counts = storage.counts();
    if (!counts) return print_error(context, counts.error());
    print_json(context, {{"records", counts->records}, {"distinct", counts->distinct}});
    return ExitCode::Ok;
  });
}

ExitCode ids_command(HqCliContext& context, const std::vector<std::string>& args) {
  return with_storage(context, args, [&](HeadOfficeStorage& storage) {
    auto listed = storage.each_record_id([&](std::string_view id) { context.out << id << "\n"; });
    context.out.flush();
    if (!listed) return print_error(context, listed.error());
    return ExitCode::Ok;
  });
}

ExitCode gaps_command(HqCliContext& context, const std::vector<std::string>& args) {
  return with_storage(context, args, [&](HeadOfficeStorage& storage) {
    auto report = gap_report_json_of(storage);
    if (!report) return print_error(context, report.error());
    context.out << *report << "\n";
    context.out.flush();
    return ExitCode::Ok;
  });
}

ExitCode client_command(HqCliContext& context, const std::vector<std::string>& args) {
  auto arguments = read_arguments(context, args, {"--issuer", "--number"});
  if (!arguments) return arguments.error();
  auto issuer = arguments->line.option("--issuer");
  auto number = arguments->line.option("--number");
  if (!issuer || !number || issuer->empty() || number->empty()) {
    return print_error(context, ExitCode::BadInput, "bad-arguments",
                       "--issuer X and --number N are required");
  }
  auto model = store::build_consent_model(store::embedded_policy_assets());
  if (!model) return print_error(context, ExitCode::InternalError, "internal", model.error().detail);
  auto head_office = HeadOffice::open(arguments->config, context.clock, context.logger);
  if (!head_office) return print_error(context, head_office.error());
  auto report = client_report(**head_office, *model, *issuer, *number);
  if (!report) return print_error(context, report.error());
  context.out << *report << "\n";
  context.out.flush();
  return ExitCode::Ok;
}

ExitCode requests_command(HqCliContext& context, const std::vector<std::string>& args) {
  return with_storage(context, args, [&](HeadOfficeStorage& storage) {
    auto requests = storage.access_requests();
    if (!requests) return print_error(context, requests.error());
    const std::string now = consent::format_utc(context.clock.now());
    for (const AccessRequestRow& request : *requests) {
      const bool overdue = request.status == "open" && request.due_at < now;
      print_json(context, {{"kiosk_id", request.kiosk_id},
                           {"record_id", request.record_id},
                           {"requested_at", request.requested_at},
                           {"due_date", request.due_at.substr(0, 10)},
                           {"due_at", request.due_at},
                           {"by_agent", request.by_agent},
                           {"status", overdue ? "overdue" : request.status}});
    }
    return ExitCode::Ok;
  });
}

// A receipt a client shows head office: signed by one of the keys that kiosk ever enrolled.
ExitCode receipt_command(HqCliContext& context, const std::vector<std::string>& args) {
  constexpr std::string_view kUsage = "usage: receipt verify --config FILE QRTEXT";
  if (args.empty() || args[0] != "verify")
    return print_error(context, ExitCode::BadInput, "bad-arguments", kUsage);
  auto line = CommandLine::parse(std::vector<std::string>(args.begin() + 1, args.end()), {"--config"}, {});
  if (!line) return print_error(context, ExitCode::BadInput, "bad-arguments", line.error().message);
  if (!line->option("--config") || line->positionals().size() != 1) {
    return print_error(context, ExitCode::BadInput, "bad-arguments", kUsage);
  }
  auto config = load_hq_config(*line->option("--config"));
  if (!config) return print_error(context, config.error());
  const std::string& text = line->positionals()[0];
  auto parsed = receipt::parse_receipt_code(text);
  if (!parsed) {
    return print_error(context, ExitCode::BadInput, receipt::to_string(parsed.error().code),
                       parsed.error().detail);
  }
  auto storage = open_storage(storage_options_of(*config));
  if (!storage) return print_error(context, storage.error());
  auto keys = (*storage)->kiosk_keys(parsed->kiosk_id);
  if (!keys) return print_error(context, keys.error());
  if (keys->empty()) {
    return print_error(context, ExitCode::BadInput, "unknown-kiosk",
                       "head office never enrolled kiosk " + parsed->kiosk_id);
  }
  for (const auto& key : *keys) {
    auto verified = receipt::verify_receipt_code(text, key);
    if (!verified) continue;
    print_json(context, {{"ok", true},
                         {"valid", true},
                         {"kiosk_key", seal::fingerprint(key)},
                         {"receipt", json::parse(receipt::summary_json(*verified))}});
    return ExitCode::Ok;
  }
  return print_error(context, ExitCode::BadInput, receipt::to_string(receipt::ReceiptCodeErrc::BadSignature),
                     "no key kiosk " + parsed->kiosk_id + " enrolled signed this receipt");
}

struct HqCommand {
  std::string_view name;
  std::string_view usage;
  std::string_view summary;
  ExitCode (*run)(HqCliContext& context, const std::vector<std::string>& args);
};

constexpr HqCommand kCommands[] = {
    {"init", "init --dir DIR [--listen HOST:PORT] [--database postgresql://...]",
     "a new head office: keys, TLS certificate, hq.toml, database (SQLite in DIR by default)", init_command},
    {"enroll", "enroll --config FILE --kiosk-id ID [--ttl-hours N]",
     "a one-time, expiring enrollment token for a kiosk", enroll_command},
    {"rotate-key", "rotate-key --config FILE", "a new box key for kiosks to seal to; old ones still open",
     rotate_key_command},
    {"serve", "serve --config FILE", "the HTTPS server, until SIGTERM or SIGINT", serve_command},
    {"count", "count --config FILE", "{\"records\":N,\"distinct\":M}", count_command},
    {"ids", "ids --config FILE", "every stored record id, one per line", ids_command},
    {"gaps", "gaps --config FILE", "per kiosk: missing numbers, forks, broken links, late arrivals",
     gaps_command},
    {"client", "client --config FILE --issuer X --number N", "a client's current consents and history",
     client_command},
    {"requests", "requests --config FILE", "access requests and their due dates, one JSON line each",
     requests_command},
    {"receipt", "receipt verify --config FILE QRTEXT",
     "check a receipt's QR text against the keys its kiosk enrolled (exit 0 valid, 2 not)", receipt_command},
};

void print_help(std::ostream& out) {
  out << "consent-hq: the consent kiosks' head office\n\nusage: consent-hq COMMAND [ARGS...]\n\ncommands:\n";
  for (const auto& command : kCommands) out << "  " << command.usage << "\n      " << command.summary << "\n";
  out << "  --version\n\nOutput is JSON. Exit status: 0 ok, 2 bad input or a failed check, 1 internal "
         "error.\n";
}

}  // namespace

int run_consent_hq(const std::vector<std::string>& args, HqCliContext& context) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help(args.empty() ? context.err : context.out);
    return to_int(args.empty() ? ExitCode::BadInput : ExitCode::Ok);
  }
  if (args[0] == "--version") {
    print_json(context, {{"service", "consent-hq"}, {"version", consent_hq_version()}});
    return to_int(ExitCode::Ok);
  }
  for (const auto& command : kCommands) {
    if (command.name != args[0]) continue;
    try {
      return to_int(command.run(context, std::vector<std::string>(args.begin() + 1, args.end())));
    } catch (const std::exception& e) {
      return to_int(print_error(context, ExitCode::InternalError, "internal", e.what()));
    }
  }
  return to_int(print_error(context, ExitCode::BadInput, "unknown-command",
                            "unknown command '" + args[0] + "': see consent-hq --help"));
}

}  // namespace kiosk::hq
