#include <catch2/catch.hpp>

#include "consent_fixtures.hpp"
#include "kiosk/core/consent/consent_model.hpp"

using namespace kiosk::consent;
using consent_fixtures::item_json;
using consent_fixtures::model_json;

TEST_CASE("a consent model is read from data, each item with its basis and default") {
  auto model = consent_fixtures::model();
  REQUIRE(model.items().size() == 6);
  const ConsentItem* marketing = model.find("marketing-analysis");
  REQUIRE(marketing != nullptr);
  CHECK(marketing->basis == Basis::ImpliedOptOut);
  CHECK(marketing->default_granted);
  CHECK(marketing->client_may_refuse());
  CHECK(marketing->title.in(kiosk::Language::French) == "T marketing-analysis fr");
  const ConsentItem* required = model.find("service-account");
  CHECK_FALSE(required->client_may_refuse());
  CHECK(model.find("share-credit")->requires_associate);
  const ConsentItem* access = model.find("right-access");
  CHECK(access->kind == ItemKind::Right);
  CHECK_FALSE(access->is_decision());
  CHECK(model.find("no-such-item") == nullptr);
}

TEST_CASE("a new purpose is a new line of data, not new code") {
  auto model = consent_fixtures::model(
      "," + item_json("location-offers", "purpose", R"("basis":"express-opt-in","default":false,)"));
  REQUIRE(model.find("location-offers") != nullptr);
  CHECK(model.find("location-offers")->basis == Basis::ExpressOptIn);
}

TEST_CASE(
    "privacy by default: an express item that starts on, or a required item that starts off, is refused") {
  auto on = parse_consent_model(
      model_json("," + item_json("sneaky", "sharing", R"("basis":"express-opt-in","default":true,)")), "P",
      "P");
  REQUIRE_FALSE(on);
  CHECK(on.error().code == ModelErrc::DefaultBreaksBasis);
  CHECK(on.error().detail == "sneaky");
  auto off = parse_consent_model(
      model_json("," + item_json("billing", "purpose", R"("basis":"required-for-service","default":false,)")),
      "P", "P");
  REQUIRE_FALSE(off);
  CHECK(off.error().code == ModelErrc::DefaultBreaksBasis);
}

TEST_CASE("a model with a missing translation, a duplicate or an unknown basis is refused") {
  const std::string no_french =
      R"({"format":1,"items":[{"id":"a","kind":"purpose","basis":"implied-opt-out","default":true,)"
      R"("title":{"en":"A"},"text":{"en":"x","fr":"y"}}]})";
  auto missing = parse_consent_model(no_french, "P", "P");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ModelErrc::MissingText);

  auto duplicate = parse_consent_model(
      model_json("," + item_json("share-credit", "sharing", R"("basis":"express-opt-in","default":false,)")),
      "P", "P");
  REQUIRE_FALSE(duplicate);
  CHECK(duplicate.error().code == ModelErrc::DuplicateItem);

  auto unknown = parse_consent_model(
      model_json("," + item_json("x", "purpose", R"("basis":"assumed-forever","default":true,)")), "P", "P");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == ModelErrc::UnknownValue);

  CHECK(parse_consent_model("not json", "P", "P").error().code == ModelErrc::Malformed);
  CHECK(parse_consent_model(model_json(), "", "P").error().code == ModelErrc::MissingText);
}

TEST_CASE("the policy version is a content hash: any change to a text or the model changes it") {
  const std::string base = policy_version("Policy text", "Texte", model_json());
  CHECK(base.size() == 64);
  CHECK(base.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(policy_version("Policy text", "Texte", model_json()) == base);
  CHECK(policy_version("Policy text.", "Texte", model_json()) != base);
  CHECK(policy_version("Policy text", "Texte.", model_json()) != base);
  CHECK(policy_version("Policy text", "Texte", model_json() + " ") != base);
  // Moving bytes from one text to the next is a different policy too.
  CHECK(policy_version("Policy tex", "tTexte", model_json()) != base);
  CHECK(consent_fixtures::model("", "Policy text", "Texte").version() == base);
}
