#include "kiosk/core/consent/policy_summary.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace kiosk::consent {

Expected<std::vector<PolicyChange>, ModelError> parse_policy_changes(std::string_view json_text) {
  using nlohmann::json;
  const json root = json::parse(json_text, nullptr, false);
  if (root.is_discarded() || !root.is_object())
    return fail(ModelError{ModelErrc::Malformed, "not a JSON object"});
  if (root.value("format", 0) != 1) return fail(ModelError{ModelErrc::UnknownValue, "format (expected 1)"});
  auto list = root.find("changes");
  if (list == root.end() || !list->is_array()) return fail(ModelError{ModelErrc::Malformed, "changes"});
  std::vector<PolicyChange> changes;
  for (const json& node : *list) {
    PolicyChange change;
    for (auto [field, target] : {std::pair{"replaces", &change.replaces}, std::pair{"en", &change.what.en},
                                 std::pair{"fr", &change.what.fr}}) {
      auto value = node.is_object() ? node.find(field) : node.end();
      if (value == node.end() || !value->is_string() || value->get<std::string>().empty()) {
        return fail(ModelError{ModelErrc::MissingText,
                               "changes[" + std::to_string(changes.size()) + "]." + field + " is missing"});
      }
      *target = value->get<std::string>();
    }
    changes.push_back(std::move(change));
  }
  return changes;
}

ChangesSinceVisit changes_since(const std::vector<PolicyChange>& changes,
                                const std::optional<std::string>& seen, std::string_view current) {
  ChangesSinceVisit since;
  if (!seen || *seen == current) return since;
  since.changed = true;
  auto first = std::find_if(changes.begin(), changes.end(),
                            [&](const PolicyChange& change) { return change.replaces == *seen; });
  if (first == changes.end()) {
    since.version_unknown = true;
    return since;
  }
  for (auto it = first; it != changes.end(); ++it) since.entries.push_back(&*it);
  return since;
}

}  // namespace kiosk::consent
