#pragma once
// An AAMVA payload (as a scanner delivers it) for an invented person, built with the shared
// AamvaPayloadBuilder: a Canadian card with this person's name, birth date, number and issuer.

#include <string>

#include "aamva_payload_builder.hpp"
#include "kiosk/core/consent/consent_record.hpp"

inline std::string make_aamva_payload(const kiosk::consent::ClientIdentity& person) {
  auto card = kiosk::testing::canadian_card("636012", person.issuer);
  auto& subfile = card.identity();
  const auto space = person.given_names.find(' ');
  subfile.set("DCS", person.family_name);
  subfile.set("DAC", person.given_names.substr(0, space));
  subfile.set("DAD", space == std::string::npos ? "" : person.given_names.substr(space + 1));
  subfile.set("DBB", person.date_of_birth.substr(0, 4) + person.date_of_birth.substr(5, 2) +
                         person.date_of_birth.substr(8, 2));
  subfile.set("DAQ", person.document_number);
  return card.build();
}
