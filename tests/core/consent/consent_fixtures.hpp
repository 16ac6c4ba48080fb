#pragma once
// A small consent model written in the test, one item per basis, so rules are tested without
// the shipped policy.

#include <string>

#include "kiosk/core/consent/consent_model.hpp"

namespace consent_fixtures {

inline std::string item_json(const std::string& id, const std::string& kind,
                             const std::string& basis_and_default, const std::string& extra = "") {
  return R"({"id":")" + id + R"(","kind":")" + kind + R"(",)" + basis_and_default + extra +
         R"("title":{"en":"T )" + id + R"(","fr":"T )" + id + R"( fr"},"text":{"en":"Text","fr":"Texte"}})";
}

inline std::string model_json(const std::string& extra_items = "") {
  return R"({"format":1,"items":[)" +
         item_json("service-account", "purpose", R"("basis":"required-for-service","default":true,)") + "," +
         item_json("marketing-analysis", "purpose", R"("basis":"implied-opt-out","default":true,)",
                   R"("default_by_province":{"QC":false},)") +
         "," + item_json("legal-retention", "purpose", R"("basis":"notice",)") + "," +
         item_json("share-third-party-marketers", "sharing", R"("basis":"express-opt-in","default":false,)") +
         "," +
         item_json("share-credit-check", "sharing", R"("basis":"express-opt-in","default":false,)",
                   R"("requires_associate":true,)") +
         "," + item_json("share-collections", "sharing", R"("basis":"notice",)") + "," +
         item_json("share-authorized-agent", "sharing", R"("basis":"express-opt-in","default":false,)",
                   R"("requires_associate":true,)") +
         "," + item_json("right-access", "right", "") + extra_items + "]}";
}

inline kiosk::consent::ConsentModel model(const std::string& extra_items = "",
                                          const std::string& policy_en = "Policy",
                                          const std::string& policy_fr = "Politique") {
  auto parsed = kiosk::consent::parse_consent_model(model_json(extra_items), policy_en, policy_fr);
  if (!parsed) throw std::runtime_error("fixture model: " + parsed.error().detail);
  return std::move(*parsed);
}

}  // namespace consent_fixtures
