// kioskctl sync --once: delivers what the outbox holds now, as the kiosk's worker would, and says
// how it went. For techs and for tests that drive delivery step by step.
#include <nlohmann/json.hpp>

#include "ctl_command.hpp"
#include "kiosk/app/config_options.hpp"
#include "kiosk/sync/curl_https_transport.hpp"
#include "kiosk/sync/outbox_uploader.hpp"
#include "store_access.hpp"

namespace kiosk::ctl {

ExitCode run_sync(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {"--config"}, {"--once"});
  if (!line) return print_error(context, ExitCode::BadInput, "usage", line.error().message);
  if (!line->option("--config") || !line->flag("--once")) {
    return print_error(context, ExitCode::BadInput, "usage",
                       "sync --config FILE --once (the kiosk's own worker syncs continuously)");
  }
  auto config = load_kiosk_config(*line->option("--config"));
  if (!config)
    return print_error(context, ExitCode::BadInput, to_string(config.error().code), config.error().message());
  if (!config->enrolled()) {
    return print_error(context, ExitCode::BadInput, "not-enrolled",
                       "this config has no head office keys: enroll with kioskctl provision first");
  }
  const store::StoreOptions options = store_options_for(*config, {});
  auto opened = store::open_kiosk_store(options, context.clock, context.logger);
  if (!opened) return print_store_error(context, opened.error());
  sync::CurlHttpsTransport transport(upload_endpoint_for(*config, *opened->keys.trust));
  auto settings = sync_worker_options_for(*config, options).uploader;
  auto uploader = sync::OutboxUploader::over(std::move(*opened), options.kiosk_id, transport, settings,
                                             context.clock, context.logger);
  if (!uploader) return print_store_error(context, uploader.error());
  const sync::DrainReport report = (*uploader)->drain();
  const bool ok = report.last_error.empty();
  nlohmann::json out = {{"ok", ok},
                        {"sent", report.sent},
                        {"acked", report.acked},
                        {"quarantined", report.quarantined},
                        {"quarantined_total", report.quarantined_total},
                        {"pending", report.pending},
                        {"oldest_pending_age_s", nullptr},
                        {"last_error", nullptr}};
  if (report.oldest_pending_age_s) out["oldest_pending_age_s"] = *report.oldest_pending_age_s;
  if (!ok) out["last_error"] = report.last_error;
  if (report.retry_in) out["retry_in_s"] = std::chrono::duration<double>(*report.retry_in).count();
  print_json(context, out);
  return ok ? ExitCode::Ok : ExitCode::BadInput;
}

}  // namespace kiosk::ctl
