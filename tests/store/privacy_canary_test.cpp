#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

#include "kiosk/core/consent/consent_rules.hpp"
#include "kiosk/store/consent_ledger.hpp"
#include "kiosk/store/ledger_retention.hpp"
#include "scratch_dir.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::store;
using consent::Decision;

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// Every way a name, birth date or document number could show up in a file.
std::vector<std::string> needles_for(const consent::ClientIdentity& person) {
  std::vector<std::string> needles = {person.family_name, person.document_number};
  for (std::size_t at = 0, space; at < person.given_names.size(); at = space + 1) {
    space = person.given_names.find(' ', at);
    if (space == std::string::npos) space = person.given_names.size();
    needles.push_back(person.given_names.substr(at, space - at));
  }
  std::string digits_only;
  for (char c : person.document_number) {
    if (std::isalnum(static_cast<unsigned char>(c))) digits_only += c;
  }
  needles.push_back(digits_only);
  const std::string y = person.date_of_birth.substr(0, 4), m = person.date_of_birth.substr(5, 2),
                    d = person.date_of_birth.substr(8, 2);
  for (const auto& date : {y + "-" + m + "-" + d, y + m + d, m + d + y, d + m + y, y + "/" + m + "/" + d,
                           d + "/" + m + "/" + y, m + "/" + d + "/" + y, d + "." + m + "." + y}) {
    needles.push_back(date);
  }
  for (auto& needle : needles) needle = lower(needle);
  return needles;
}

// The files and what each must not contain, listed as "file: needle".
std::vector<std::string> leaks(const std::filesystem::path& folder, const std::vector<consent::ClientIdentity>& people) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string content = lower({std::istreambuf_iterator<char>(in), {}});
    for (const auto& person : people) {
      for (const auto& needle : needles_for(person)) {
        if (content.find(needle) != std::string::npos) found.push_back(entry.path().filename().string() + ": " + needle);
      }
    }
  }
  return found;
}

}  // namespace

TEST_CASE("canary: no name, birth date or document number in any file the store wrote, WAL included") {
  ScratchDir dir;
  SystemClock clock;
  MemoryLogger logger;
  const auto people = store_fixtures::known_people();
  auto service = store_fixtures::open_service(dir / "kiosk.db", clock, logger);
  for (const auto& person : people) {
    auto client = service.identify(person);
    REQUIRE(client.has_value());
    store_fixtures::commit_choice(service, *client, "marketing-analysis", Decision::Refused);
    auto current = service.current(*client);
    const consent::SessionContext assisted{Language::French, consent::Channel::Kiosk, {"assoc-7"}};
    auto designation = consent::record_agent_designation(
        service.model(), *current, {consent::AuthorityDocument::PowerOfAttorney, true, "assoc-7"}, assisted);
    REQUIRE(designation.has_value());
    // The agent is a person too: their identity must not land on disk either.
    REQUIRE(service.commit(*client, *designation, consent::AgentIdentity{"AGENTPERSONSON", "ARCHIBALDO", "ON", "AG55501234"})
                .has_value());
  }
  // The WAL still holds the pages: the scan sees them before any checkpoint.
  REQUIRE(std::filesystem::file_size(dir / "kiosk.db-wal") > 0);
  // Every row carries the record, so the scan would have found anything written in clear.
  REQUIRE(*ConsentLedger(service.database()).count() == 6);

  auto all_people = people;
  all_people.push_back({"ON", "AG55501234", "AGENTPERSONSON", "ARCHIBALDO", "1900-01-01"});
  const auto found = leaks(dir.path(), all_people);
  CHECK(found.empty());
  for (const auto& leak : found) UNSCOPED_INFO(leak);

  for (const auto& line : logger.lines()) {
    for (const auto& person : all_people) {
      for (const auto& needle : needles_for(person)) CHECK(lower(line.message).find(needle) == std::string::npos);
    }
  }
}

TEST_CASE("the canary scan itself finds a name written in clear (the test can fail)") {
  ScratchDir dir;
  std::ofstream(dir / "leaky.log") << "client Quixotevargas born 25/03/1961\n";
  const auto found = leaks(dir.path(), {store_fixtures::known_people()[0]});
  CHECK(found.size() == 2);
}
