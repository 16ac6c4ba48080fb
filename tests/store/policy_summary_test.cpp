// The summary the policy screen opens on, as shipped: embedded as in assets/, covering the key
// elements the law asks a policy to make plain, in both languages, with French typography.
#include <catch2/catch.hpp>

#include <string>

#include "kiosk/store/policy_assets.hpp"

using namespace kiosk;

TEST_CASE("the binary embeds exactly the summary and change list in assets/policy") {
  auto files = store::load_policy_assets(KIOSK_POLICY_ASSETS_DIR);
  REQUIRE(files.has_value());
  const auto embedded = store::embedded_policy_assets();
  CHECK(embedded.summary_en == files->summary_en);
  CHECK(embedded.summary_fr == files->summary_fr);
  CHECK(embedded.changes_json == files->changes_json);
  CHECK(store::build_policy_summary(embedded).has_value());
}

TEST_CASE("the shipped summary names each key element in English and French") {
  auto summary = store::build_policy_summary(store::embedded_policy_assets());
  REQUIRE(summary.has_value());
  const std::string& en = summary->text.en;
  const std::string& fr = summary->text.fr;
  for (const char* heading : {"## What we collect", "## Why", "## Who receives it", "## The risks",
                              "## How long it is kept", "## Questions and complaints"}) {
    INFO(heading);
    CHECK(en.find(heading) != std::string::npos);
  }
  for (const char* heading :
       {"## Ce que nous recueillons", "## Pourquoi", "## Qui les reçoit", "## Les risques",
        "## Combien de temps ils sont conservés", "## Questions et plaintes"}) {
    INFO(heading);
    CHECK(fr.find(heading) != std::string::npos);
  }
  CHECK(en.find("privacy officer") != std::string::npos);
  CHECK(en.find("Privacy Commissioner of Canada") != std::string::npos);
  CHECK(en.find("Commission d’accès à l’information") != std::string::npos);
  CHECK(fr.find("Commissariat à la protection de la vie privée du Canada") != std::string::npos);
  CHECK(fr.find("Commission d’accès à l’information") != std::string::npos);
}

TEST_CASE(
    "the French summary puts a no-break space before every colon, semicolon, question and exclamation mark") {
  const std::string fr = store::embedded_policy_assets().summary_fr;
  const std::string no_break = "\u00a0";
  int marks = 0;
  for (std::size_t i = 0; i < fr.size(); ++i) {
    if (fr[i] != ':' && fr[i] != ';' && fr[i] != '?' && fr[i] != '!') continue;
    ++marks;
    INFO(fr.substr(i < 30 ? 0 : i - 30, 40));
    REQUIRE(i >= no_break.size());
    CHECK(fr.compare(i - no_break.size(), no_break.size(), no_break) == 0);
  }
  CHECK(marks > 3);  // the check saw the punctuation it is about
}
