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

  const std::string year = std::to_string(1940 + random() % 65);
  std::vector<std::string> elements{
      "DCAG", "DCBNONE", "DCDNONE", "DBA20" + std::to_string(27 + random() % 9) + "0315",
      "DCS" + spell(pick(random, families)), "DAC" + spell(pick(random, givens)), "DAD" + spell(pick(random, givens)),
      "DBD20" + std::to_string(17 + random() % 8) + "0611", "DBB" + year + "0" + std::to_string(1 + random() % 9) + "2" +
          std::to_string(random() % 9),
      "DBC" + std::to_string(1 + random() % 2), "DAYBRO", "DAU" + std::to_string(150 + random() % 50) + " cm",
      "DAG" + pick(random, streets), "DAIMONTR\xc3\x89" "AL", "DAJQC", "DAKH2X 1Y4  ",
      "DAQ" + std::string(1, static_cast<char>('A' + random() % 26)) + detail::digits(random, 4 + random() % 10),
      "DCF" + detail::digits(random, 10 + random() % 15), "DCGCAN", "DDEN", "DDFN", "DDGN"};
  std::string dl = "DL";
  for (const auto& element : elements) dl += spell(element) + "\n";
  dl.back() = '\r';
  const bool with_z = random() % 2 == 0;
  const std::string z = "ZQZQA" + detail::digits(random, 6) + "\nZQB" + detail::digits(random, 3) + "\r";

  const std::size_t entries = with_z ? 2 : 1;
  const std::size_t header = 21 + 10 * entries;
  std::string file = "@\n\x1e\rANSI " + pick(random, iins) + "10" + "00" + (with_z ? "02" : "01");
  file += "DL" + detail::four_digits(header) + detail::four_digits(dl.size());
  if (with_z) file += "ZQ" + detail::four_digits(header + dl.size()) + detail::four_digits(z.size());
  file += dl;
  if (with_z) file += z;
  return {file.begin(), file.end()};
}

}  // namespace kiosk::testing
