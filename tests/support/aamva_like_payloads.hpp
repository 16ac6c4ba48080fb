#pragma once
// AAMVA-shaped barcode payloads made up from a seed, for the image tests and the decode
// benchmark: the bytes a scanner reads off a licence (header, subfile directory, DL and Z
// subfiles, LF/RS/CR control characters, Latin-1 or UTF-8 accents). Every person is invented.

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

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

inline std::string four_digits(std::size_t value) {
  std::string text = std::to_string(value);
  return std::string(4 - text.size(), '0') + text;
}

}  // namespace detail

// An AAMVA file (version 10) from `iin`, the DL subfile's elements ("DCSTREMBLAY", ...) and an
// optional Z subfile ("ZOZOA1"): header, directory with the right offsets, separators.
inline std::vector<std::uint8_t> aamva_file(const std::string& iin, const std::vector<std::string>& elements,
                                            const std::string& z_subfile = {}) {
  std::string dl = "DL";
  for (const auto& element : elements) dl += element + "\n";
  dl.back() = '\r';
  const std::string z = z_subfile.empty() ? std::string() : z_subfile + "\r";
  const std::size_t entries = z.empty() ? 1 : 2;
  const std::size_t header = 21 + 10 * entries;
  std::string file = "@\n\x1e\rANSI " + iin + "10" + "00" + (z.empty() ? "01" : "02");
  file += "DL" + detail::four_digits(header) + detail::four_digits(dl.size());
  if (!z.empty()) file += z.substr(0, 2) + detail::four_digits(header + dl.size()) + detail::four_digits(z.size());
  file += dl + z;
  return {file.begin(), file.end()};
}

// Names are written below in UTF-8 (É, È, Ç, Ô); half the payloads carry them in Latin-1
// instead, as older cards do.
inline std::vector<std::uint8_t> aamva_like_payload(std::uint32_t seed) {
  using detail::pick;
  std::mt19937 random(seed);
  static const std::array<std::string, 10> iins{"636012", "604428", "636028", "604432", "636048",
                                                "636044", "636013", "636001", "636014", "636045"};
  static const std::array<std::string, 10> families{"TREMBLAY", "GAGN\xc3\x89", "B\xc3\x89LANGER", "MACDONALD",
                                                    "O'BRIEN",  "NGUYEN",     "LEFEBVRE",        "SMITH-JONES",
                                                    "C\xc3\x94T\xc3\x89", "WILLIAMSON"};
  static const std::array<std::string, 8> givens{"H\xc3\x89L\xc3\x88NE", "FRAN\xc3\x87OIS", "MARY",  "JEAN-PAUL",
                                                 "ALEXANDRA",            "WEI",                "OMAR", "CHLO\xc3\x89"};
  static const std::array<std::string, 6> streets{"123 RUE PRINCIPALE", "45 KING ST W", "9876 BOUL. SAINT-LAURENT",
                                                  "1 MAPLE AVE APT 1203", "77 OCEAN DR", "300 RIDEAU CRES"};
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
  const std::string expiry = "DBA20" + std::to_string(27 + draw(9)) + "0315";
  const std::string family = "DCS" + pick(random, families);
  const std::string given = "DAC" + pick(random, givens);
  const std::string middle = "DAD" + pick(random, givens);
  const std::string issue = "DBD20" + std::to_string(17 + draw(8)) + "0611";
  const std::string birth_year = std::to_string(1940 + draw(65));
  const std::string birth_month = std::to_string(1 + draw(9));
  const std::string birth_day = std::to_string(draw(9));
  const std::string sex = "DBC" + std::to_string(1 + draw(2));
  const std::string height = "DAU" + std::to_string(150 + draw(50)) + " cm";
  const std::string street = "DAG" + pick(random, streets);
  const std::string number_letter(1, static_cast<char>('A' + draw(26)));
  const std::string number_digits = detail::digits(random, 4 + draw(10));
  const std::string discriminator = detail::digits(random, 10 + draw(15));
  std::vector<std::string> elements{"DCAG", "DCBNONE", "DCDNONE", expiry, family, given, middle, issue,
                                    "DBB" + birth_year + "0" + birth_month + "2" + birth_day, sex, "DAYBRO", height,
                                    street, "DAIMONTR\xc3\x89" "AL", "DAJQC", "DAKH2X 1Y4  ",
                                    "DAQ" + number_letter + number_digits, "DCF" + discriminator, "DCGCAN", "DDEN",
                                    "DDFN", "DDGN"};
  for (auto& element : elements) element = spell(element);
  const bool with_z = draw(2) == 0;
  std::string z;
  if (with_z) {
    z = "ZQZQA" + detail::digits(random, 6);
    z += "\nZQB";
    z += detail::digits(random, 3);
  }
  const std::string iin = pick(random, iins);
  return aamva_file(iin, elements, z);
}

}  // namespace kiosk::testing
