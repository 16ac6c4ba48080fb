#pragma once
// The policy texts and consent model file, as compiled into the binary from assets/policy/ or
// read from a folder (a new policy version is a new set of files, not new code).

#include <filesystem>
#include <string>

#include "kiosk/core/consent/consent_model.hpp"
#include "kiosk/core/expected.hpp"

namespace kiosk::store {

struct PolicyAssets {
  std::string policy_en;
  std::string policy_fr;
  std::string model_json;
};

// assets/policy/ as it was at build time.
PolicyAssets embedded_policy_assets();

struct PolicyLoadError {
  std::string file;
  std::string detail;
};

// Reads policy.en.txt, policy.fr.txt and consent-model.json from `folder`.
Expected<PolicyAssets, PolicyLoadError> load_policy_assets(const std::filesystem::path& folder);

Expected<consent::ConsentModel, consent::ModelError> build_consent_model(const PolicyAssets& assets);

}  // namespace kiosk::store
