// The kiosk's string table (assets/strings/kiosk-text.toml), read with a parser other than the
// build's generator: every entry bilingual, the same printf conversions in both languages, French
// typography, and one vocabulary per language.
#include <catch2/catch.hpp>

#include <toml++/toml.h>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/text/kiosk_text.hpp"
#include "text_rules.hpp"

using namespace kiosk::text_rules;

namespace {

struct Entry {
  std::string key;
  std::string en;
  std::string fr;
};

void collect(const toml::table& table, const std::string& path, std::vector<Entry>& out) {
  for (const auto& [name, node] : table) {
    const std::string key = path.empty() ? std::string(name.str()) : path + "." + std::string(name.str());
    const toml::table* sub = node.as_table();
    if (sub == nullptr) {
      out.push_back({key + " (not a table)", "", ""});
    } else if (sub->contains("en") || sub->contains("fr")) {
      out.push_back({key, sub->get("en") ? sub->get("en")->value_or(std::string()) : std::string(),
                     sub->get("fr") ? sub->get("fr")->value_or(std::string()) : std::string()});
    } else {
      collect(*sub, key, out);
    }
  }
}

std::string table_text() {
  std::ifstream in(KIOSK_TEXT_TABLE, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::vector<Entry>& entries() {
  static const std::vector<Entry> all = [] {
    std::vector<Entry> out;
    collect(toml::parse(table_text(), std::string_view(KIOSK_TEXT_TABLE)), "", out);
    return out;
  }();
  return all;
}

}  // namespace

TEST_CASE("the string table parses and holds the kiosk's words") {
  REQUIRE_NOTHROW(entries());
  CHECK(entries().size() > 250);
  // The build's constants come from the same table.
  const auto found = std::find_if(entries().begin(), entries().end(),
                                  [](const Entry& e) { return e.key == "client.scan_title"; });
  REQUIRE(found != entries().end());
  CHECK(found->en == kiosk::text::client::scan_title.en);
  CHECK(found->fr == kiosk::text::client::scan_title.fr);
}

TEST_CASE("every entry has an English and a French text and nothing else") {
  for (const Entry& entry : entries()) {
    INFO(entry.key);
    CHECK_FALSE(entry.en.empty());
    CHECK_FALSE(entry.fr.empty());
  }
  const auto table = toml::parse(table_text());
  std::vector<Entry> all;
  collect(table, "", all);
  for (const Entry& entry : all) {
    const auto* node = table.at_path(entry.key).as_table();
    REQUIRE(node != nullptr);
    INFO(entry.key);
    CHECK(node->size() == 2);
  }
}

TEST_CASE("each key is declared once") {
  // TOML refuses a table declared twice, and so does this parser: the table cannot hold two texts
  // under one key with the second silently winning.
  CHECK_THROWS_AS(toml::parse("[a.b]\nen = \"x\"\nfr = \"y\"\n[a.b]\nen = \"z\"\nfr = \"w\"\n"),
                  toml::parse_error);
  std::set<std::string> keys;
  for (const Entry& entry : entries()) {
    INFO(entry.key);
    CHECK(keys.insert(entry.key).second);
  }
}

TEST_CASE("English and French carry the same printf conversions in the same order") {
  CHECK(printf_conversions("%lld h, %5.1f%% of %s") == std::vector<std::string>{"%lld", "%5.1f", "%s"});
  for (const Entry& entry : entries()) {
    INFO(entry.key << ": " << entry.en << " / " << entry.fr);
    CHECK(printf_conversions(entry.en) == printf_conversions(entry.fr));
  }
}

TEST_CASE("the French typography rule catches what it must and spares times, URLs and codes") {
  CHECK(french_typography_faults("Est-ce bien vous?").size() == 1);
  CHECK(french_typography_faults("Numéro : %s").size() == 1);
  CHECK(french_typography_faults("touchez «\u00a0Non » ici").size() == 1);
  CHECK(french_typography_faults("l'aide").size() == 1);
  CHECK(french_typography_faults("Est-ce bien vous\u00a0?").empty());
  CHECK(french_typography_faults("Arrêt\u202f! «\u00a0Non\u00a0»").empty());
  CHECK(french_typography_faults("à 14:05, voir https://example.ca/a?b=c;d").empty());
}

TEST_CASE("every French text follows French typography") {
  for (const Entry& entry : entries()) {
    INFO(entry.key << ": " << entry.fr);
    CHECK(french_typography_faults(entry.fr).empty());
  }
}

TEST_CASE("no text has two spaces of any kind in a row") {
  CHECK(has_doubled_space("client\u00a0\u00a0?"));
  CHECK(has_doubled_space("Vos  choix"));
  CHECK(has_doubled_space("Non \u00a0!"));
  CHECK_FALSE(has_doubled_space("Est-ce bien vous\u00a0? Oui."));
  for (const Entry& entry : entries()) {
    INFO(entry.key << ": " << entry.en << " / " << entry.fr);
    CHECK_FALSE(has_doubled_space(entry.en));
    CHECK_FALSE(has_doubled_space(entry.fr));
  }
}

TEST_CASE("every English text follows English typography") {
  CHECK(english_typography_faults("Is this you ?").size() == 1);
  CHECK(english_typography_faults("the kiosk's").size() == 1);
  CHECK(english_typography_faults("Receipt: %s. Is this you? The kiosk’s").empty());
  for (const Entry& entry : entries()) {
    INFO(entry.key << ": " << entry.en);
    CHECK(english_typography_faults(entry.en).empty());
  }
}

TEST_CASE("the vocabulary check finds a banned word at a word's start, in any case") {
  CHECK(banned_words("Demandez à un Associé.", kFrenchBanned).size() == 1);
  CHECK(banned_words("Veuillez scanner la carte", kFrenchBanned).size() == 1);
  CHECK(banned_words("le siège de la société", kFrenchBanned).size() == 1);
  CHECK(banned_words("au siège social", kFrenchBanned).empty());
  CHECK(banned_words("une association", kFrenchBanned).size() == 0);
  CHECK(banned_words("Ask the clerk", kEnglishBanned).size() == 1);
  CHECK(banned_words("Call a tech.", kEnglishBanned).size() == 1);
  CHECK(banned_words("Call a technician.", kEnglishBanned).empty());
}

TEST_CASE("French says one thing one way (conseiller, balayer, borne, siège social, mandataire)") {
  for (const Entry& entry : entries()) {
    INFO(entry.key << ": " << entry.fr);
    CHECK(banned_words(entry.fr, kFrenchBanned).empty());
  }
}

TEST_CASE("English says one thing one way (associate, scan, kiosk, head office, technician)") {
  for (const Entry& entry : entries()) {
    INFO(entry.key << ": " << entry.en);
    CHECK(banned_words(entry.en, kEnglishBanned).empty());
  }
}

TEST_CASE("every entry is named in the code: the table holds no forgotten text") {
  std::string code;
  for (const char* top : {"kiosk", "drivers", "sync"}) {
    for (const auto& file :
         std::filesystem::recursive_directory_iterator(std::filesystem::path(KIOSK_SOURCE_DIR) / top)) {
      const auto ext = file.path().extension();
      if (ext != ".cpp" && ext != ".hpp") continue;
      std::ifstream in(file.path(), std::ios::binary);
      code.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  auto named = [&](const std::string& name) {
    const std::string qualified = "::" + name;
    for (auto at = code.find(qualified); at != std::string::npos; at = code.find(qualified, at + 1)) {
      const auto next =
          at + qualified.size() < code.size() ? static_cast<unsigned char>(code[at + qualified.size()]) : ' ';
      if (std::isalnum(next) == 0 && next != '_') return true;
    }
    return false;
  };
  CHECK_FALSE(named("no_such_text_anywhere"));
  for (const Entry& entry : entries()) {
    // Issuer names are found by jurisdiction code, through the area's kAll.
    if (entry.key.starts_with("issuer_name.")) continue;
    INFO(entry.key);
    CHECK(named(entry.key.substr(entry.key.rfind('.') + 1)));
  }
}
