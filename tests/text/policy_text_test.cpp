// The policy a client reads (its full text, its summary and the consent model's titles and texts)
// is held to the same French typography and vocabulary as the string table: it is client-facing
// text too, kept apart only because head office versions it.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "text_rules.hpp"

using namespace kiosk::text_rules;

namespace {

std::string policy_file(const std::string& name) {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/assets/policy/" + name, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Every string under a "fr" (or "en") key of the consent model, wherever it sits.
void collect(const nlohmann::json& node, const std::string& language, std::vector<std::string>& out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == language && value.is_string()) {
        out.push_back(value.get<std::string>());
      } else {
        collect(value, language, out);
      }
    }
  } else if (node.is_array()) {
    for (const auto& value : node) collect(value, language, out);
  }
}

std::vector<std::string> model_texts(const std::string& language) {
  std::vector<std::string> out;
  collect(nlohmann::json::parse(policy_file("consent-model.json")), language, out);
  return out;
}

}  // namespace

TEST_CASE("the French policy and its summary follow French typography and the kiosk's vocabulary") {
  for (const char* name : {"policy.fr.txt", "summary.fr.txt"}) {
    const auto lines = lines_of(policy_file(name));
    REQUIRE(lines.size() > 5);
    for (const std::string& line : lines) {
      INFO(name << ": " << line);
      CHECK(french_typography_faults(line).empty());
      CHECK(banned_words(line, kFrenchBanned).empty());
    }
  }
}

TEST_CASE("the consent model's French and English texts follow the table's rules") {
  const auto french = model_texts("fr");
  const auto english = model_texts("en");
  REQUIRE(french.size() > 10);
  REQUIRE(french.size() == english.size());
  for (const std::string& text : french) {
    INFO(text);
    CHECK(french_typography_faults(text).empty());
    CHECK(banned_words(text, kFrenchBanned).empty());
    CHECK_FALSE(has_doubled_space(text));
  }
  for (const std::string& text : english) {
    INFO(text);
    CHECK(english_typography_faults(text).empty());
    CHECK(banned_words(text, kEnglishBanned).empty());
    CHECK_FALSE(has_doubled_space(text));
  }
}
