#pragma once
// How the kiosk's config becomes the options of the parts it configures, in one place for the
// kiosk and kioskctl alike: the store (and its key policy), the uploader and its worker.

#include <filesystem>

#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/sync/sync_worker.hpp"

namespace kiosk {

// Paths resolved by the one rule (resolve_config_path). An enrolled config gets the enrolled key
// policy: it never creates or falls back to a key.
store::StoreOptions store_options_for(const KioskConfig& config, const std::filesystem::path& data_dir);

sync::SyncWorkerOptions sync_worker_options_for(const KioskConfig& config, store::StoreOptions store);

// The transport to head office for uploads, pinned to what the store checked.
sync::PinnedEndpoint upload_endpoint_for(const KioskConfig& config, const store::HeadOfficeTrust& trust);
// The same for a client-state lookup: a client is waiting, so the whole exchange gets the short
// lookup timeout.
sync::PinnedEndpoint lookup_endpoint_for(const KioskConfig& config, const store::HeadOfficeTrust& trust);

}  // namespace kiosk
