#include "demo_identities.hpp"

#include "kiosk/core/identity/aamva_parser.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <random>
#include <system_error>

namespace kiosk::ctl {
namespace {

namespace fs = std::filesystem;

std::string iso_date(std::chrono::year_month_day date) {
  char text[24];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

}  // namespace

Expected<std::vector<consent::ClientIdentity>, std::string> payload_identities(
    const fs::path& folder, std::chrono::year_month_day today) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() != ".json") files.push_back(it->path());
  }
  if (ec) return fail(folder.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<consent::ClientIdentity> identities;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
    auto document = identity::parse_aamva(bytes, today);
    if (!document || !document->date_of_birth) continue;
    identities.push_back({document->issuer, document->document_number, document->family_name,
                          document->given_names, iso_date(*document->date_of_birth)});
  }
  if (identities.empty()) return fail(folder.string() + ": no readable AAMVA payload");
  return identities;
}

std::vector<consent::ClientIdentity> synthetic_identities(std::uint64_t seed, std::size_t count) {
  static constexpr std::array<const char*, 12> families = {"TREMBLAY", "GAGNON", "ROY",    "SMITH",
                                                           "BROWN",    "MARTIN", "LEE",    "WILSON",
                                                           "CÔTÉ",     "SINGH",  "NGUYEN", "BOUCHARD"};
  static constexpr std::array<const char*, 12> givens = {"ÉMILIE", "LIAM",    "OLIVIA", "NOAH",
                                                         "CHLOÉ",  "WILLIAM", "AVA",    "LUCAS",
                                                         "ZOÉ",    "JACOB",   "MAYA",   "FÉLIX"};
  static constexpr std::array<const char*, 6> issuers = {"ON", "QC", "BC", "AB", "MB", "NS"};
  std::mt19937_64 random(seed);
  auto pick = [&](auto& list) { return std::string(list[random() % list.size()]); };
  std::vector<consent::ClientIdentity> identities;
  for (std::size_t i = 0; i < count; ++i) {
    char date[11];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", 1940 + static_cast<int>(random() % 65),
                  1 + static_cast<int>(random() % 12), 1 + static_cast<int>(random() % 28));
    char number[16];
    std::snprintf(number, sizeof number, "D%09llu",
                  static_cast<unsigned long long>(random() % 1000000000ULL));
    identities.push_back({pick(issuers), number, pick(families), pick(givens), date});
  }
  return identities;
}

}  // namespace kiosk::ctl
