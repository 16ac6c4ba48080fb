// Every word a person reads comes from assets/strings/kiosk-text.toml: no C++ string literal under
// kiosk/, drivers/ or sync/ holds French prose, a French typographic space, or a Bilingual pair.
// English literals stay (log lines, ids, formats); French in a literal can only be text on its way
// to a person, so it is the tell.
#include <catch2/catch.hpp>

#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Files whose French literals are data, not sentences.
constexpr std::array<std::string_view, 3> kDataFiles{
    "kiosk/app/src/demo_identity.cpp",    // the demo card's payload: names on a card
    "kiosk/app/ctl/demo_identities.cpp",  // kioskctl's made-up cardholders
    "kiosk/ui/src/theme.cpp",             // the glyphs the font atlas must hold
};

constexpr std::array<std::string_view, 32> kFrenchMarks{
    "à", "â", "ä", "ç", "é", "è", "ê", "ë", "î", "ï", "ô", "ö", "ù", "û", "ü", "ÿ",
    "œ", "æ", "À", "Â", "Ç", "É", "È", "Ê", "Î", "Ô", "Ù", "Û", "Œ", "«", "»", "\u00a0"};

struct Literal {
  std::size_t line;
  std::string text;  // as written, escapes included
};

// The string literals of a C++ file, comments skipped (a "//" inside a literal is not a comment).
std::vector<Literal> literals_of(std::string_view src, std::string& code_without_comments) {
  std::vector<Literal> out;
  std::size_t line = 1;
  for (std::size_t i = 0; i < src.size(); ++i) {
    const char c = src[i];
    if (c == '\n') ++line;
    if (src.substr(i, 2) == "//") {
      while (i < src.size() && src[i] != '\n') ++i;
      --i;
      continue;
    }
    if (src.substr(i, 2) == "/*") {
      const std::size_t end = src.find("*/", i + 2);
      for (std::size_t j = i; j < end && j < src.size(); ++j) line += src[j] == '\n' ? 1 : 0;
      i = end == std::string_view::npos ? src.size() : end + 1;
      continue;
    }
    if (c == '\'' && i > 0 && std::isalnum(static_cast<unsigned char>(src[i - 1]))) {
      code_without_comments += c;  // a digit separator (1'000)
      continue;
    }
    if (c == 'R' && src.substr(i, 2) == "R\"") {
      const std::size_t open = src.find('(', i);
      const std::string close = ")" + std::string(src.substr(i + 2, open - i - 2)) + "\"";
      const std::size_t end = src.find(close, open);
      out.push_back({line, std::string(src.substr(open + 1, end - open - 1))});
      for (std::size_t j = i; j < end; ++j) line += src[j] == '\n' ? 1 : 0;
      code_without_comments += "R\"\"";
      i = end + close.size() - 1;
      continue;
    }
    if (c == '"' || c == '\'') {
      std::size_t j = i + 1;
      while (j < src.size() && src[j] != c) j += src[j] == '\\' ? 2 : 1;
      if (c == '"') out.push_back({line, std::string(src.substr(i + 1, j - i - 1))});
      code_without_comments += src.substr(i, j - i + 1);
      i = j;
      continue;
    }
    code_without_comments += c;
  }
  return out;
}

std::vector<std::string> faults_in(const fs::path& file, std::string_view relative) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string src = text.str();
  std::string code;
  std::vector<std::string> faults;
  for (const Literal& literal : literals_of(src, code)) {
    bool french = false;
    for (std::string_view mark : kFrenchMarks)
      french = french || literal.text.find(mark) != std::string::npos;
    static const std::regex escaped_space(R"(\\u(00[aA]0|202[fF]))");
    french = french || std::regex_search(literal.text, escaped_space);
    if (french)
      faults.push_back(std::string(relative) + ":" + std::to_string(literal.line) + ": " + literal.text);
  }
  // A pair written in code: Bilingual name{"...", Bilingual{"...".
  static const std::regex pair(R"(Bilingual(Text)?\s*\w*\s*[{(]\s*")");
  if (std::regex_search(code, pair))
    faults.push_back(std::string(relative) + ": a Bilingual built from literals");
  return faults;
}

}  // namespace

TEST_CASE("the literal scanner finds French in a literal and not in a comment") {
  std::string code;
  const auto found =
      literals_of("// «Non»\nconst char* a = \"l’aide\"; /* é */ auto b = R\"x(é)x\";\n", code);
  REQUIRE(found.size() == 2);
  CHECK(found[0].text == "l’aide");
  CHECK(found[0].line == 2);
  CHECK(found[1].text == "é");
  CHECK(code.find("«") == std::string::npos);
}

TEST_CASE("no C++ source holds a person's words outside the string table") {
  std::vector<std::string> faults;
  std::size_t files = 0;
  for (const char* top : {"kiosk", "drivers", "sync"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(KIOSK_SOURCE_DIR) / top)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cpp" && ext != ".hpp" && ext != ".h" && ext != ".in") continue;
      const std::string relative = fs::relative(entry.path(), KIOSK_SOURCE_DIR).generic_string();
      bool data = false;
      for (std::string_view skip : kDataFiles) data = data || relative == skip;
      if (data) continue;
      ++files;
      for (auto& fault : faults_in(entry.path(), relative)) faults.push_back(std::move(fault));
    }
  }
  CHECK(files > 100);
  for (const std::string& fault : faults) UNSCOPED_INFO(fault);
  CHECK(faults.empty());
}
