// kioskctl status: the tech's view of a kiosk's enrollment, keys, queue and delivery. It reads
// the database without changing anything or leaving a file behind.
#include <nlohmann/json.hpp>

#include "ctl_command.hpp"
#include "kiosk/app/config_options.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/recorded_keys.hpp"
#include "kiosk/sync/sync_state.hpp"
#include "store_access.hpp"

namespace kiosk::ctl {
namespace {

nlohmann::json meta_or_null(store::SqliteDatabase& db, std::string_view key) {
  auto value = store::read_meta(db, key);
  if (!value || !*value) return nullptr;
  return **value;
}

// Why the kiosk would refuse its keys now, or null when it would not. Creates nothing.
nlohmann::json key_problem(store::SqliteDatabase& db, const store::StoreOptions& options) {
  auto keys = store::load_kiosk_keys(options.database, options.keys, false);
  auto compared = keys ? store::compare_recorded_keys(db, options.database, *keys,
                                                      store::key_files_for(options.database, options.keys))
                       : Status<store::StoreError>(fail(keys.error()));
  if (compared) return nullptr;
  return {{"en", compared.error().detail}, {"fr", compared.error().detail_fr}};
}

}  // namespace

ExitCode run_status(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {"--config"}, {});
  if (!line || !line->option("--config")) {
    return print_error(context, ExitCode::BadInput, "usage",
                       line ? "status --config FILE" : line.error().message);
  }
  auto config = load_kiosk_config(*line->option("--config"));
  if (!config)
    return print_error(context, ExitCode::BadInput, to_string(config.error().code), config.error().message());
  const store::StoreOptions options = store_options_for(*config, {});
  auto db = store::open_database_read_only(options.database);
  if (!db) return print_store_error(context, db.error());

  auto summary = store::Outbox(*db).summary();
  if (!summary) return print_store_error(context, summary.error());
  auto state = sync::read_sync_state(*db);
  if (!state) return print_store_error(context, state.error());
  const nlohmann::json problem = key_problem(*db, options);
  nlohmann::json queue = {{"pending", summary->pending},
                          {"quarantined", summary->quarantined},
                          {"delivered", summary->delivered},
                          {"oldest_pending", nullptr},
                          {"oldest_pending_age_s", nullptr}};
  if (summary->oldest_pending) {
    queue["oldest_pending"] = consent::format_utc(*summary->oldest_pending);
    queue["oldest_pending_age_s"] =
        std::max(0.0, std::chrono::duration<double>(context.clock.now() - *summary->oldest_pending).count());
  }
  auto text_or_null = [](const std::string& text) {
    return text.empty() ? nlohmann::json() : nlohmann::json(text);
  };
  auto signer = store::read_meta(*db, "kiosk_signing_public_key");
  auto signer_key = signer && *signer ? seal::array_from_hex<32>(**signer) : std::nullopt;
  print_json(
      context,
      {{"ok", problem.is_null()},
       {"kiosk_id", config->kiosk_id},
       {"mode", meta_or_null(*db, "key_mode")},
       {"enrolled", config->enrolled()},
       {"head_office_url", config->enrolled() ? nlohmann::json(config->head_office_url) : nlohmann::json()},
       {"database", options.database.string()},
       {"keys",
        {{"ok", problem.is_null()},
         {"problem", problem},
         {"kiosk_signing", signer_key ? nlohmann::json(seal::fingerprint(*signer_key)) : nlohmann::json()},
         {"hq_identity", meta_or_null(*db, "hq_identity_fingerprint")},
         {"hq_box_key_id", meta_or_null(*db, "hq_box_key_id")},
         {"hq_certificate_spki", meta_or_null(*db, "hq_certificate_spki")}}},
       {"queue", queue},
       {"sync",
        {{"last_attempt", text_or_null(state->last_attempt)},
         {"last_success", text_or_null(state->last_success)},
         {"last_error", text_or_null(state->last_error)},
         {"sent_total", state->sent_total},
         {"acked_total", state->acked_total},
         {"quarantined_total", state->quarantined_total}}},
       {"chain_restart", meta_or_null(*db, "envelope_chain_restart")}});
  return problem.is_null() ? ExitCode::Ok : ExitCode::BadInput;
}

}  // namespace kiosk::ctl
