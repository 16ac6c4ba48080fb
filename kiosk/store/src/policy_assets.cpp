#include "kiosk/store/policy_assets.hpp"

#include <fstream>
#include <sstream>

namespace kiosk::store {

Expected<PolicyAssets, PolicyLoadError> load_policy_assets(const std::filesystem::path& folder) {
  PolicyAssets assets;
  for (auto [name, target] :
       {std::pair{"policy.en.txt", &assets.policy_en}, std::pair{"policy.fr.txt", &assets.policy_fr},
        std::pair{"consent-model.json", &assets.model_json}, std::pair{"summary.en.txt", &assets.summary_en},
        std::pair{"summary.fr.txt", &assets.summary_fr},
        std::pair{"policy-changes.json", &assets.changes_json}}) {
    const auto file = folder / name;
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(PolicyLoadError{file.string(), "missing or not readable"});
    std::ostringstream text;
    text << in.rdbuf();
    *target = text.str();
  }
  return assets;
}

Expected<consent::ConsentModel, consent::ModelError> build_consent_model(const PolicyAssets& assets) {
  return consent::parse_consent_model(assets.model_json, assets.policy_en, assets.policy_fr);
}

Expected<consent::PolicySummary, consent::ModelError> build_policy_summary(const PolicyAssets& assets) {
  if (assets.summary_en.empty() || assets.summary_fr.empty()) {
    return fail(
        consent::ModelError{consent::ModelErrc::MissingText, "the policy summary is empty in one language"});
  }
  auto changes = consent::parse_policy_changes(assets.changes_json);
  if (!changes) return fail(changes.error());
  return consent::PolicySummary{{assets.summary_en, assets.summary_fr}, std::move(changes).value()};
}

}  // namespace kiosk::store
