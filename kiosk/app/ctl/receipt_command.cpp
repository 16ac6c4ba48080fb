// kioskctl receipt: checks a receipt's QR text against a kiosk's public key, and rebuilds the
// receipt of a committed record as it is printed (text, picture, printer bytes). Both read the
// database without changing it.
#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>

#include "ctl_command.hpp"
#include "kiosk/app/config_options.hpp"
#include "kiosk/receipt/receipt_code.hpp"
#include "kiosk/receipt/receipt_print.hpp"
#include "kiosk/store/consent_ledger.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/recorded_keys.hpp"
#include "store_access.hpp"

namespace kiosk::ctl {
namespace {

constexpr std::string_view kVerifyUsage = "receipt verify QRTEXT --db PATH [--kiosk-id ID]|--config FILE";
constexpr std::string_view kShowUsage =
    "receipt show --db PATH [--kiosk-id ID]|--config FILE --id RECORD_ID --out DIR";
// demo-load names the kiosk of a bare --db so.
constexpr std::string_view kDemoKioskId = "demo-kiosk";

struct ReceiptKiosk {
  store::StoreOptions store;
  std::string store_name;
  std::string time_zone = "UTC";
  // The database does not record its kiosk's id: only a config or --kiosk-id names it.
  bool kiosk_id_known = true;
};

Expected<ReceiptKiosk, std::string> resolve_kiosk(const CommandLine& line) {
  if (line.option("--db").has_value() == line.option("--config").has_value()) {
    return fail(std::string("give exactly one of --db PATH or --config FILE"));
  }
  ReceiptKiosk kiosk;
  if (auto db = line.option("--db")) {
    kiosk.store.database = *db;
    kiosk.store.kiosk_id = line.option("--kiosk-id").value_or(std::string(kDemoKioskId));
    kiosk.kiosk_id_known = line.option("--kiosk-id").has_value();
    return kiosk;
  }
  if (line.option("--kiosk-id"))
    return fail(std::string("--kiosk-id goes with --db; a config names its kiosk"));
  auto config = load_kiosk_config(*line.option("--config"));
  if (!config) return fail(config.error().message());
  kiosk.store = store_options_for(*config, {});
  kiosk.store_name = config->store_name;
  kiosk.time_zone = config->time_zone;
  return kiosk;
}

// The key the database recorded as this kiosk's: what every receipt it printed was signed with.
Expected<seal::SigningPublicKey, std::string> recorded_signing_key(store::SqliteDatabase& db) {
  auto recorded = store::read_meta(db, "kiosk_signing_public_key");
  if (!recorded) return fail(recorded.error().detail);
  auto key = *recorded ? seal::array_from_hex<32>(**recorded) : std::nullopt;
  if (!key) return fail(std::string("the database records no signing key"));
  return *key;
}

std::optional<consent::ConsentRecord> find_record(store::SqliteDatabase& db, std::string_view id,
                                                  Status<store::StoreError>& listed) {
  std::optional<consent::ConsentRecord> found;
  listed = store::ConsentLedger(db).for_each([&](const store::LedgerEntry& entry) {
    if (entry.record.id == id) found = entry.record;
  });
  return found;
}

ExitCode run_receipt_verify(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {"--db", "--config", "--kiosk-id"}, {});
  if (!line || line->positionals().size() != 1) {
    return print_error(context, ExitCode::BadInput, "usage",
                       line ? std::string(kVerifyUsage) : line.error().message);
  }
  auto kiosk = resolve_kiosk(*line);
  if (!kiosk) return print_error(context, ExitCode::BadInput, "usage", kiosk.error());
  auto db = store::open_database_read_only(kiosk->store.database);
  if (!db) return print_store_error(context, db.error());
  auto key = recorded_signing_key(*db);
  if (!key) return print_error(context, ExitCode::BadInput, "no-signing-key", key.error());

  const std::string& text = line->positionals()[0];
  auto code = receipt::verify_receipt_code(text, *key);
  if (!code)
    return print_error(context, ExitCode::BadInput, to_string(code.error().code), code.error().detail);
  if (kiosk->kiosk_id_known && code->kiosk_id != kiosk->store.kiosk_id) {
    return print_error(context, ExitCode::BadInput, "other-kiosk",
                       "signed for kiosk " + code->kiosk_id + ", not " + kiosk->store.kiosk_id);
  }
  nlohmann::json out = {{"ok", true}, {"valid", true}};
  out["receipt"] = nlohmann::json::parse(receipt::summary_json(*code));
  Status<store::StoreError> listed = Ok{};
  auto record = find_record(*db, code->record_id, listed);
  if (!listed) return print_store_error(context, listed.error());
  out["in_ledger"] = record.has_value();
  // A signed receipt whose record the ledger holds differently means the ledger was changed.
  if (record && !receipt::code_matches_record(*code, *record)) {
    return print_error(context, ExitCode::BadInput, "ledger-differs",
                       "the signature is good but the ledger's record " + code->record_id + " differs");
  }
  print_json(context, out);
  return ExitCode::Ok;
}

Status<std::string> write_bytes(const std::filesystem::path& file, std::span<const char> bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return fail("cannot write " + file.string());
  return Ok{};
}

ExitCode run_receipt_show(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {"--db", "--config", "--kiosk-id", "--id", "--out"}, {});
  if (!line || !line->option("--id") || !line->option("--out") || !line->positionals().empty()) {
    return print_error(context, ExitCode::BadInput, "usage",
                       line ? std::string(kShowUsage) : line.error().message);
  }
  auto kiosk = resolve_kiosk(*line);
  if (!kiosk) return print_error(context, ExitCode::BadInput, "usage", kiosk.error());
  auto db = store::open_database_read_only(kiosk->store.database);
  if (!db) return print_store_error(context, db.error());
  auto recorded = recorded_signing_key(*db);
  if (!recorded) return print_error(context, ExitCode::BadInput, "no-signing-key", recorded.error());
  auto keys = store::load_kiosk_keys(kiosk->store.database, kiosk->store.keys, false);
  if (!keys) return print_store_error(context, keys.error());
  // Ed25519 signs deterministically: the same key gives the code the kiosk printed.
  if (keys->signing.public_key != *recorded) {
    return print_error(context, ExitCode::BadInput, "key-mismatch",
                       "the signing key file is not the one this database recorded");
  }

  Status<store::StoreError> listed = Ok{};
  auto record = find_record(*db, *line->option("--id"), listed);
  if (!listed) return print_store_error(context, listed.error());
  if (!record)
    return print_error(context, ExitCode::BadInput, "no-such-record", "no record " + *line->option("--id"));

  receipt::ReceiptSource source;
  source.kiosk_id = kiosk->store.kiosk_id;
  source.store_name = kiosk->store_name;
  source.time_zone = kiosk->time_zone;
  receipt::Receipt built = receipt::build_receipt(*record, embedded_consent_model(), source);
  auto code = receipt::sign_receipt_code(*record, source.kiosk_id, keys->signing);
  if (!code)
    return print_error(context, ExitCode::InternalError, to_string(code.error().code), code.error().detail);
  built.code = std::move(*code);
  const Language language = record->session.language;

  const std::filesystem::path out_dir = *line->option("--out");
  std::error_code made;
  std::filesystem::create_directories(out_dir, made);
  const std::string text = receipt::receipt_text(built, language);
  if (auto written = write_bytes(out_dir / "receipt.txt", text); !written) {
    return print_error(context, ExitCode::BadInput, "write-failed", written.error());
  }
  const auto escpos = receipt::receipt_escpos(built, language);
  if (auto written = write_bytes(out_dir / "receipt.escpos",
                                 std::span(reinterpret_cast<const char*>(escpos.data()), escpos.size()));
      !written) {
    return print_error(context, ExitCode::BadInput, "write-failed", written.error());
  }
  auto picture = receipt::receipt_picture(built, language);
  if (!picture) return print_error(context, ExitCode::InternalError, "font-missing", picture.error().detail);
  if (auto written = receipt::write_png(*picture, out_dir / "receipt.png"); !written) {
    return print_error(context, ExitCode::BadInput, "write-failed", written.error().detail);
  }
  print_json(context, {{"ok", true},
                       {"record_id", built.receipt_id},
                       {"kiosk_id", built.kiosk_id},
                       {"language", language_code(language)},
                       {"code", built.code},
                       {"files",
                        {(out_dir / "receipt.txt").string(), (out_dir / "receipt.png").string(),
                         (out_dir / "receipt.escpos").string()}},
                       {"escpos_bytes", escpos.size()},
                       {"picture", {{"width", picture->width}, {"height", picture->height}}}});
  return ExitCode::Ok;
}

}  // namespace

ExitCode run_receipt(CtlContext& context, const std::vector<std::string>& args) {
  const std::vector<std::string> rest(args.empty() ? args.end() : args.begin() + 1, args.end());
  if (!args.empty() && args[0] == "verify") return run_receipt_verify(context, rest);
  if (!args.empty() && args[0] == "show") return run_receipt_show(context, rest);
  return print_error(context, ExitCode::BadInput, "usage",
                     std::string(kVerifyUsage) + " | " + std::string(kShowUsage));
}

}  // namespace kiosk::ctl
