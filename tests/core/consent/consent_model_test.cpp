#include <catch2/catch.hpp>

#include "consent_fixtures.hpp"
#include "kiosk/core/consent/consent_model.hpp"

using namespace kiosk::consent;
using consent_fixtures::item_json;
using consent_fixtures::model_json;

TEST_CASE("a consent model is read from data, each item with its basis and default") {
  auto model = consent_fixtures::model();
  REQUIRE(model.items().size() == 8);
  const ConsentItem* marketing = model.find("marketing-analysis");
  REQUIRE(marketing != nullptr);
  CHECK(marketing->basis == Basis::ImpliedOptOut);
  CHECK(marketing->default_granted);
  CHECK(marketing->client_may_refuse());
  CHECK(marketing->title.in(kiosk::Language::French) == "T marketing-analysis fr");
  const ConsentItem* required = model.find("service-account");
  CHECK_FALSE(required->client_may_refuse());
  CHECK(model.find("share-credit-check")->requires_associate);
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

  auto duplicate =
      parse_consent_model(model_json("," + item_json("share-credit-check", "sharing",
                                                     R"("basis":"express-opt-in","default":false,)")),
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

TEST_CASE("a notice is a decision item with no default, never refusable, never needing an associate") {
  auto model = consent_fixtures::model();
  const ConsentItem* notice = model.find("share-collections");
  REQUIRE(notice != nullptr);
  CHECK(notice->basis == Basis::Notice);
  CHECK(notice->is_notice());
  CHECK(notice->is_decision());
  CHECK_FALSE(notice->client_may_refuse());
  CHECK_FALSE(model.find("share-credit-check")->is_notice());

  auto with_default = parse_consent_model(
      model_json("," + item_json("n", "sharing", R"("basis":"notice","default":true,)")), "P", "P");
  REQUIRE_FALSE(with_default);
  CHECK(with_default.error().code == ModelErrc::Malformed);
  auto with_associate = parse_consent_model(
      model_json("," + item_json("n", "sharing", R"("basis":"notice",)", R"("requires_associate":true,)")),
      "P", "P");
  REQUIRE_FALSE(with_associate);
  CHECK(with_associate.error().code == ModelErrc::Malformed);
}

TEST_CASE("a province's default may only turn an item off, and only a refusable one") {
  auto model = consent_fixtures::model();
  const ConsentItem* marketing = model.find("marketing-analysis");
  CHECK(marketing->default_for("QC") == false);
  CHECK(marketing->default_for("ON") == true);
  CHECK(marketing->default_for("") == true);

  auto turns_on = parse_consent_model(
      model_json("," + item_json("x", "purpose", R"("basis":"express-opt-in","default":false,)",
                                 R"("default_by_province":{"QC":true},)")),
      "P", "P");
  REQUIRE_FALSE(turns_on);
  CHECK(turns_on.error().code == ModelErrc::DefaultBreaksBasis);
  auto on_required = parse_consent_model(
      model_json("," + item_json("x", "purpose", R"("basis":"required-for-service","default":true,)",
                                 R"("default_by_province":{"QC":false},)")),
      "P", "P");
  REQUIRE_FALSE(on_required);
  CHECK(on_required.error().code == ModelErrc::Malformed);
  auto bad_code = parse_consent_model(
      model_json("," + item_json("x", "purpose", R"("basis":"implied-opt-out","default":true,)",
                                 R"("default_by_province":{"Quebec":false},)")),
      "P", "P");
  REQUIRE_FALSE(bad_code);
  CHECK(bad_code.error().code == ModelErrc::Malformed);
}
