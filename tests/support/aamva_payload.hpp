#pragma once
// Writes AAMVA (PDF417 driver's licence) payloads for invented people, as a scanner delivers
// them: compliance indicator, header with a correct subfile offset and length, one element per
// line.

#include <cstdio>
#include <string>

#include "kiosk/core/consent/consent_record.hpp"

inline std::string make_aamva_payload(const kiosk::consent::ClientIdentity& person, const std::string& iin = "636012") {
  auto compact = [](const std::string& iso) { return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2); };
  const auto space = person.given_names.find(' ');
  const std::string first = person.given_names.substr(0, space);
  const std::string middle = space == std::string::npos ? "" : person.given_names.substr(space + 1);
  std::string subfile = "DLDAQ" + person.document_number + "\nDCS" + person.family_name + "\nDAC" + first + "\nDAD" +
                        middle + "\nDBB" + compact(person.date_of_birth) + "\nDBA20300101\nDBD20240101\nDAJ" +
                        person.issuer + "\nDCGCAN\nDBC1\r";
  char header[64];
  std::snprintf(header, sizeof header, "@\n\x1e\rANSI %s090001DL%04d%04zu", iin.c_str(), 31, subfile.size());
  return header + subfile;
}
