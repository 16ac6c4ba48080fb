#include "demo_identities.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

namespace kiosk::ctl {
namespace {

namespace fs = std::filesystem;

// The value of element `id` (e.g. "DCS"): it starts a line, or follows the subfile header.
std::optional<std::string> element(std::string_view payload, std::string_view id) {
  for (std::size_t at = payload.find(id); at != std::string_view::npos; at = payload.find(id, at + 1)) {
    const bool starts_line = at == 0 || payload[at - 1] == '\n' || payload[at - 1] == '\r';
    const bool after_header = at >= 2 && (payload.substr(at - 2, 2) == "DL" || payload.substr(at - 2, 2) == "ID");
    if (!starts_line && !after_header) continue;
    const std::size_t begin = at + id.size();
    const std::size_t end = payload.find_first_of("\r\n\x1e", begin);
    std::string value(payload.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
    while (!value.empty() && (value.back() == ' ' || value.back() == ',')) value.pop_back();
    if (!value.empty()) return value;
  }
  return std::nullopt;
}

// Canadian cards write YYYYMMDD; US cards MMDDYYYY.
std::optional<std::string> iso_date(const std::string& raw, bool canadian) {
  if (raw.size() != 8 || !std::all_of(raw.begin(), raw.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  if (canadian) return raw.substr(0, 4) + "-" + raw.substr(4, 2) + "-" + raw.substr(6, 2);
  return raw.substr(4, 4) + "-" + raw.substr(0, 2) + "-" + raw.substr(2, 2);
}

}  // namespace

std::optional<consent::ClientIdentity> read_payload_identity(std::string_view payload) {
  auto family = element(payload, "DCS");
  auto given = element(payload, "DAC");
  if (!given) given = element(payload, "DCT");
  if (auto middle = element(payload, "DAD"); given && middle) *given += " " + *middle;
  auto number = element(payload, "DAQ");
  auto issuer = element(payload, "DAJ");
  auto birth = element(payload, "DBB");
  if (!family || !given || !number || !issuer || !birth) return std::nullopt;
  const bool canadian = element(payload, "DCG").value_or("CAN") == "CAN";
  auto date = iso_date(*birth, canadian);
  if (!date) return std::nullopt;
  return consent::ClientIdentity{*issuer, *number, *family, *given, *date};
}

Expected<std::vector<consent::ClientIdentity>, std::string> payload_identities(const fs::path& folder) {
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
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (auto identity = read_payload_identity(bytes.str())) identities.push_back(std::move(*identity));
  }
  if (identities.empty()) return fail(folder.string() + ": no readable AAMVA payload");
  return identities;
}

std::vector<consent::ClientIdentity> synthetic_identities(std::uint64_t seed, std::size_t count) {
  static constexpr std::array<const char*, 12> families = {"TREMBLAY", "GAGNON", "ROY",    "SMITH",  "BROWN",  "MARTIN",
                                                           "LEE",      "WILSON", "CÔTÉ", "SINGH", "NGUYEN", "BOUCHARD"};
  static constexpr std::array<const char*, 12> givens = {"ÉMILIE", "LIAM", "OLIVIA", "NOAH",  "CHLOÉ", "WILLIAM",
                                                         "AVA",    "LUCAS", "ZOÉ",   "JACOB", "MAYA",  "FÉLIX"};
  static constexpr std::array<const char*, 6> issuers = {"ON", "QC", "BC", "AB", "MB", "NS"};
  std::mt19937_64 random(seed);
  auto pick = [&](auto& list) { return std::string(list[random() % list.size()]); };
  std::vector<consent::ClientIdentity> identities;
  for (std::size_t i = 0; i < count; ++i) {
    char date[11];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", 1940 + static_cast<int>(random() % 65),
                  1 + static_cast<int>(random() % 12), 1 + static_cast<int>(random() % 28));
    char number[16];
    std::snprintf(number, sizeof number, "D%09llu", static_cast<unsigned long long>(random() % 1000000000ULL));
    identities.push_back({pick(issuers), number, pick(families), pick(givens), date});
  }
  return identities;
}

}  // namespace kiosk::ctl
