#pragma once
// The canary's scanner: looks through every file under a folder for a person's names, document
// number and birth date in the usual written forms, case-insensitively.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "kiosk/core/consent/consent_record.hpp"

inline std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

inline std::vector<std::string> identity_needles(const kiosk::consent::ClientIdentity& person) {
  std::vector<std::string> needles = {person.family_name, person.document_number};
  for (std::size_t at = 0, space; at < person.given_names.size(); at = space + 1) {
    space = person.given_names.find(' ', at);
    if (space == std::string::npos) space = person.given_names.size();
    needles.push_back(person.given_names.substr(at, space - at));
  }
  std::string alphanumeric;
  for (char c : person.document_number) {
    if (std::isalnum(static_cast<unsigned char>(c))) alphanumeric += c;
  }
  needles.push_back(alphanumeric);
  const std::string y = person.date_of_birth.substr(0, 4), m = person.date_of_birth.substr(5, 2),
                    d = person.date_of_birth.substr(8, 2);
  for (const auto& date : {y + "-" + m + "-" + d, y + m + d, m + d + y, d + m + y, y + "/" + m + "/" + d,
                           d + "/" + m + "/" + y, m + "/" + d + "/" + y, d + "." + m + "." + y}) {
    needles.push_back(date);
  }
  for (auto& needle : needles) needle = lower_case(needle);
  return needles;
}

// "file: needle" for each identity fragment found in clear.
inline std::vector<std::string> find_identity_leaks(
    const std::filesystem::path& folder, const std::vector<kiosk::consent::ClientIdentity>& people) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string content = lower_case({std::istreambuf_iterator<char>(in), {}});
    for (const auto& person : people) {
      for (const auto& needle : identity_needles(person)) {
        if (content.find(needle) != std::string::npos)
          found.push_back(entry.path().filename().string() + ": " + needle);
      }
    }
  }
  return found;
}
