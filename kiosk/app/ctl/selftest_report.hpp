#pragma once
// The self-test's checks as JSON: what `selftest --json` prints and the diagnostics bundle holds.

#include <nlohmann/json.hpp>

#include <vector>

#include "kiosk_selftest.hpp"

namespace kiosk::ctl {

// {"ok":bool,"checks":[{"name","status":"ok|failed|not-configured","detail","remedy"?}]}
inline nlohmann::json selftest_json(const std::vector<SelftestCheck>& checks) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& check : checks) {
    nlohmann::json item = {
        {"name", check.name}, {"status", to_string(check.outcome)}, {"detail", check.detail}};
    if (check.outcome == CheckOutcome::Failed) item["remedy"] = check.remedy;
    list.push_back(std::move(item));
  }
  return {{"ok", all_passed(checks)}, {"checks", list}};
}

}  // namespace kiosk::ctl
