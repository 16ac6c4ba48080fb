// What a returning client is told changed: the entries after the version they last chose under.
#include <catch2/catch.hpp>

#include "kiosk/core/consent/policy_summary.hpp"

using namespace kiosk::consent;

namespace {

const char* kChanges = R"({"format": 1, "changes": [
  {"replaces": "v1", "en": "Credit checks are asked apart.", "fr": "Les vérifications de crédit sont demandées à part."},
  {"replaces": "v2", "en": "Quebec clients start at No.", "fr": "Les clients du Québec commencent à Non."}
]})";

}  // namespace

TEST_CASE("a client who last chose under an older version reads every change since, oldest first") {
  auto changes = parse_policy_changes(kChanges);
  REQUIRE(changes.has_value());
  REQUIRE(changes->size() == 2);

  const auto from_v1 = changes_since(*changes, std::string("v1"), "v3");
  CHECK(from_v1.changed);
  CHECK_FALSE(from_v1.version_unknown);
  REQUIRE(from_v1.entries.size() == 2);
  CHECK(from_v1.entries[0]->what.en == "Credit checks are asked apart.");
  CHECK(from_v1.entries[1]->what.fr == "Les clients du Québec commencent à Non.");

  const auto from_v2 = changes_since(*changes, std::string("v2"), "v3");
  REQUIRE(from_v2.entries.size() == 1);
  CHECK(from_v2.entries[0]->what.en == "Quebec clients start at No.");
}

TEST_CASE(
    "nothing changed for a new client or one under the current version, and an unknown one is told it "
    "changed") {
  auto changes = parse_policy_changes(kChanges);
  REQUIRE(changes.has_value());
  const auto fresh = changes_since(*changes, std::nullopt, "v3");
  CHECK_FALSE(fresh.changed);
  CHECK(fresh.entries.empty());
  const auto current = changes_since(*changes, std::string("v3"), "v3");
  CHECK_FALSE(current.changed);
  const auto unknown = changes_since(*changes, std::string("v0-lost"), "v3");
  CHECK(unknown.changed);
  CHECK(unknown.version_unknown);
  CHECK(unknown.entries.empty());
}

TEST_CASE("a change list with an entry missing a language or its version is refused") {
  CHECK(parse_policy_changes(R"({"format":1,"changes":[]})").has_value());
  CHECK_FALSE(parse_policy_changes(R"({"format":1,"changes":[{"replaces":"v1","en":"x"}]})").has_value());
  CHECK_FALSE(parse_policy_changes(R"({"format":1,"changes":[{"en":"x","fr":"y"}]})").has_value());
  CHECK_FALSE(parse_policy_changes(R"({"format":2,"changes":[]})").has_value());
  CHECK_FALSE(parse_policy_changes("not json").has_value());
}
