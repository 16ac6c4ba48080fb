#include "kiosk/app/config_options.hpp"

namespace kiosk {

store::StoreOptions store_options_for(const KioskConfig& config, const std::filesystem::path& data_dir) {
  store::StoreOptions options;
  options.database = resolve_config_path(config, config.database, data_dir);
  options.kiosk_id = config.kiosk_id;
  if (config.enrolled()) {
    options.keys.mode = store::KeyMode::Enrolled;
    options.keys.head_office = {resolve_config_path(config, config.head_office_box_key, data_dir),
                                resolve_config_path(config, config.head_office_identity_key, data_dir),
                                resolve_config_path(config, config.head_office_certificate, data_dir)};
  }
  return options;
}

sync::SyncWorkerOptions sync_worker_options_for(const KioskConfig& config, store::StoreOptions store) {
  sync::SyncWorkerOptions options;
  options.store = std::move(store);
  options.uploader.max_batch_records = static_cast<std::size_t>(config.batch_max_records);
  options.uploader.max_batch_bytes = static_cast<std::size_t>(config.batch_max_bytes);
  options.interval = std::chrono::seconds{config.sync_interval_seconds};
  return options;
}

sync::PinnedEndpoint upload_endpoint_for(const KioskConfig& config, const store::HeadOfficeTrust& trust) {
  return sync::pinned_endpoint(config.head_office_url, trust,
                               std::chrono::milliseconds{config.connect_timeout_ms},
                               std::chrono::seconds{config.request_timeout_seconds});
}

sync::PinnedEndpoint lookup_endpoint_for(const KioskConfig& config, const store::HeadOfficeTrust& trust) {
  const std::chrono::milliseconds timeout{config.lookup_timeout_ms};
  return sync::pinned_endpoint(config.head_office_url, trust,
                               std::min(timeout, std::chrono::milliseconds{config.connect_timeout_ms}),
                               timeout);
}

}  // namespace kiosk
