#include <catch2/catch.hpp>

#include "kiosk/store/policy_assets.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::consent;

TEST_CASE("the binary embeds exactly the policy files in assets/policy") {
  auto files = store::load_policy_assets(KIOSK_POLICY_ASSETS_DIR);
  REQUIRE(files.has_value());
  const auto embedded = store::embedded_policy_assets();
  CHECK(embedded.policy_en == files->policy_en);
  CHECK(embedded.policy_fr == files->policy_fr);
  CHECK(embedded.model_json == files->model_json);
  CHECK_FALSE(store::load_policy_assets("/nonexistent").has_value());
}

TEST_CASE("the shipped model covers the policy's purposes, sharing cases and rights") {
  const ConsentModel& model = store_fixtures::shipped_model();
  struct Expect {
    const char* id;
    ItemKind kind;
    std::optional<Basis> basis;
  };
  const Expect expected[] = {
      {"service-account", ItemKind::Purpose, Basis::RequiredForService},
      {"service-records", ItemKind::Purpose, Basis::RequiredForService},
      {"marketing-analysis", ItemKind::Purpose, Basis::ImpliedOptOut},
      {"business-analysis", ItemKind::Purpose, Basis::ImpliedOptOut},
      {"legal-retention", ItemKind::Purpose, Basis::Notice},
      {"share-authorized-agent", ItemKind::Sharing, Basis::ExpressOptIn},
      {"share-credit-check", ItemKind::Sharing, Basis::ExpressOptIn},
      {"share-collections", ItemKind::Sharing, Basis::Notice},
      {"share-emergency", ItemKind::Sharing, Basis::Notice},
      {"share-required-by-law", ItemKind::Sharing, Basis::Notice},
      {"share-third-party-marketers", ItemKind::Sharing, Basis::ExpressOptIn},
      {"right-access", ItemKind::Right, std::nullopt},
      {"right-withdraw", ItemKind::Right, std::nullopt},
  };
  CHECK(model.items().size() == std::size(expected));
  for (const auto& want : expected) {
    INFO(want.id);
    const ConsentItem* item = model.find(want.id);
    REQUIRE(item != nullptr);
    CHECK(item->kind == want.kind);
    CHECK(item->basis == want.basis);
    // Every express item starts off; every text exists in both languages and is translated.
    if (want.basis == Basis::ExpressOptIn) CHECK_FALSE(item->default_granted);
    CHECK(item->title.fr != item->title.en);
    CHECK(item->text.fr != item->text.en);
  }
  CHECK(model.find("share-credit-check")->requires_associate);
  // Quebec makes privacy the default: its residents' secondary uses start off.
  for (const char* secondary : {"marketing-analysis", "business-analysis"}) {
    INFO(secondary);
    CHECK_FALSE(model.find(secondary)->default_for("QC"));
    CHECK(model.find(secondary)->default_for("ON"));
  }
  CHECK(model.find("share-authorized-agent")->requires_associate);
  CHECK(model.texts().fr.find("renseignements personnels") != std::string::npos);
  CHECK(model.texts().en.find("Personal Information Protection and Electronic Documents Act") !=
        std::string::npos);
  CHECK(model.version().size() == 64);
}
