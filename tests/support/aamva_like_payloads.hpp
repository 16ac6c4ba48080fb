#pragma once
// AAMVA payloads made up from a seed, for the image tests and the decode benchmark: the bytes a
// scanner reads off a Canadian licence (header, subfile directory, DL and Z subfiles, LF/RS/CR
// control characters, Latin-1 or UTF-8 accents), built with the shared AamvaPayloadBuilder.
// Every person is invented.

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "aamva_payload_builder.hpp"

namespace kiosk::testing {

namespace detail {

template <std::size_t N>
const std::string& pick(std::mt19937& random, const std::array<std::string, N>& choices) {
  return choices[std::uniform_int_distribution<std::size_t>(0, N - 1)(random)];
}

inline std::string digits(std::mt19937& random, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text.push_back(static_cast<char>('0' + random() % 10));
  return text;
}

}  // namespace detail

// Names are written below in UTF-8 (É, È, Ç, Ô); half the payloads carry them in Latin-1
// instead, as older cards do.
inline std::vector<std::uint8_t> aamva_like_payload(std::uint32_t seed) {
  using detail::pick;
  std::mt19937 random(seed);
  static const std::array<std::pair<std::string, std::string>, 10> issuers{{{"636012", "ON"},
                                                                            {"604428", "QC"},
                                                                            {"636028", "BC"},
                                                                            {"604432", "AB"},
                                                                            {"636048", "MB"},
                                                                            {"636044", "SK"},
                                                                            {"636013", "NS"},
                                                                            {"636017", "NB"},
                                                                            {"636016", "NL"},
                                                                            {"604426", "PE"}}};
  static const std::array<std::string, 10> families{
      "TREMBLAY", "GAGN\xc3\x89", "B\xc3\x89LANGER", "MACDONALD",          "O'BRIEN",
      "NGUYEN",   "LEFEBVRE",     "SMITH-JONES",     "C\xc3\x94T\xc3\x89", "WILLIAMSON"};
  static const std::array<std::string, 8> givens{
      "H\xc3\x89L\xc3\x88NE", "FRAN\xc3\x87OIS", "MARY", "JEAN-PAUL", "ALEXANDRA", "WEI", "OMAR",
      "CHLO\xc3\x89"};
  static const std::array<std::string, 6> streets{
      "123 RUE PRINCIPALE",   "45 KING ST W", "9876 BOUL. SAINT-LAURENT",
      "1 MAPLE AVE APT 1203", "77 OCEAN DR",  "300 RIDEAU CRES"};
  const bool latin1 = random() % 2 == 0;
  auto spell = [&](std::string text) {
    if (!latin1) return text;
    std::string converted;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto byte = static_cast<unsigned char>(text[i]);
      if (byte == 0xc3 && i + 1 < text.size()) {
        converted.push_back(static_cast<char>(static_cast<unsigned char>(text[++i]) + 0x40));
      } else {
        converted.push_back(text[i]);
      }
    }
    return converted;
  };

  // One draw per statement: the order of operands in an expression is unspecified, and the
  // payloads must be the same with every compiler.
  auto draw = [&](unsigned range) { return static_cast<unsigned>(random() % range); };
  const std::string expiry = "20" + std::to_string(27 + draw(9)) + "0315";
  const std::string family = pick(random, families);
  const std::string given = pick(random, givens);
  const std::string middle = pick(random, givens);
  const std::string issue = "20" + std::to_string(17 + draw(8)) + "0611";
  const std::string birth_year = std::to_string(1940 + draw(65));
  const std::string birth_month = std::to_string(1 + draw(9));
  const std::string birth_day = std::to_string(draw(9));
  const std::string sex = std::to_string(1 + draw(2));
  const std::string height = std::to_string(150 + draw(50)) + " cm";
  const std::string street = pick(random, streets);
  const std::string number_letter(1, static_cast<char>('A' + draw(26)));
  const std::string number_digits = detail::digits(random, 4 + draw(10));
  const std::string discriminator = detail::digits(random, 10 + draw(15));
  const bool with_z = draw(2) == 0;
  std::string z_number;
  std::string z_code;
  if (with_z) {
    z_number = detail::digits(random, 6);
    z_code = detail::digits(random, 3);
  }
  const auto& [iin, jurisdiction] = issuers[draw(static_cast<unsigned>(issuers.size()))];

  AamvaPayloadBuilder card = canadian_card(iin, jurisdiction, 10);
  card.jurisdiction_version = 0;
  card.set("DBA", expiry)
      .set("DCS", spell(family))
      .set("DAC", spell(given))
      .set("DAD", spell(middle))
      .set("DBD", issue)
      .set("DBB", birth_year + "0" + birth_month + "2" + birth_day)
      .set("DBC", sex)
      .set("DAU", height)
      .set("DAG", street)
      .set("DAI", spell("MONTR\xc3\x89"
                        "AL"))
      .set("DAQ", number_letter + number_digits)
      .set("DCF", discriminator);
  if (with_z) card.add_subfile("ZQ", {{"ZQA", z_number}, {"ZQB", z_code}});
  return card.bytes();
}

}  // namespace kiosk::testing
