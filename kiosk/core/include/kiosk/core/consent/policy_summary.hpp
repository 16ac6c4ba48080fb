#pragma once
// The short form the policy screen opens on, and what changed between policy versions, so that a
// returning client reads what is new to them rather than the whole text again.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/consent/consent_model.hpp"
#include "kiosk/core/expected.hpp"

namespace kiosk::consent {

struct PolicyChange {
  // The version (content hash) this change replaced: a client who last chose under it has not
  // seen this change or any after it.
  std::string replaces;
  LocalizedText what;
};

struct PolicySummary {
  // The key elements, one "## Heading" line before each paragraph.
  LocalizedText text;
  // Oldest first.
  std::vector<PolicyChange> changes;
};

// Reads policy-changes.json: {"format":1,"changes":[{"replaces":"…","en":"…","fr":"…"},…]}.
Expected<std::vector<PolicyChange>, ModelError> parse_policy_changes(std::string_view json_text);

struct ChangesSinceVisit {
  // A returning client whose last policy version is not the current one.
  bool changed = false;
  // The list does not know their version: say only that the policy changed.
  bool version_unknown = false;
  // What they have not seen, oldest first.
  std::vector<const PolicyChange*> entries;
};

// Nothing for a new client (`seen` empty) or one who saw `current`.
ChangesSinceVisit changes_since(const std::vector<PolicyChange>& changes,
                                const std::optional<std::string>& seen, std::string_view current);

}  // namespace kiosk::consent
