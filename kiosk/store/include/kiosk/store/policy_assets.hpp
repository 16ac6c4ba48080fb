#pragma once
// The policy texts and consent model file, as compiled into the binary from assets/policy/ or
// read from a folder (a new policy version is a new set of files, not new code).

#include <filesystem>
#include <string>

#include "kiosk/core/consent/consent_model.hpp"
#include "kiosk/core/consent/policy_summary.hpp"
#include "kiosk/core/expected.hpp"

namespace kiosk::store {

struct PolicyAssets {
  std::string policy_en;
  std::string policy_fr;
  std::string model_json;
  // The short form the policy screen opens on, and the per-version change list. Not part of the
  // policy version's hash: they restate the policy, they do not change it.
  std::string summary_en;
  std::string summary_fr;
  std::string changes_json;
};

// assets/policy/ as it was at build time.
PolicyAssets embedded_policy_assets();

struct PolicyLoadError {
  std::string file;
  std::string detail;
};

// Reads policy.en.txt, policy.fr.txt, consent-model.json, summary.en.txt, summary.fr.txt and
// policy-changes.json from `folder`.
Expected<PolicyAssets, PolicyLoadError> load_policy_assets(const std::filesystem::path& folder);

Expected<consent::ConsentModel, consent::ModelError> build_consent_model(const PolicyAssets& assets);

Expected<consent::PolicySummary, consent::ModelError> build_policy_summary(const PolicyAssets& assets);

}  // namespace kiosk::store
