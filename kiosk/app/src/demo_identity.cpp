#include "kiosk/app/demo_identity.hpp"

#include <cstdio>
#include <string>

namespace kiosk {
namespace {

std::string yyyymmdd(std::chrono::year_month_day date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d%02u%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

// One DL subfile of `elements` behind a version 10 header of issuer `iin`, as a scanner delivers it.
std::vector<std::uint8_t> licence_payload(const std::vector<std::string>& elements, const char* iin) {
  std::string subfile = "DL";
  for (const std::string& element : elements) {
    subfile += element;
    subfile += '\n';
  }
  subfile.back() = '\r';
  // Header: compliance indicator, separators, file type, the IIN, AAMVA version 10, jurisdiction
  // version 00, one subfile; then the subfile's designator, offset and length.
  const std::size_t header_length = 21 + 10;
  char designator[16];
  std::snprintf(designator, sizeof designator, "DL%04zu%04zu", header_length, subfile.size());
  const std::string payload = std::string("@\n\x1e\rANSI ") + iin + "100001" + designator + subfile;
  return {payload.begin(), payload.end()};
}

}  // namespace

std::vector<std::uint8_t> demo_licence_payload(std::chrono::year_month_day today) {
  using namespace std::chrono;
  const year_month_day expiry{today.year() + years{3}, month{4}, day{17}};
  const year_month_day issued{today.year() - years{2}, month{4}, day{17}};
  return licence_payload({"DCAG",
                          "DCBNONE",
                          "DCDNONE",
                          "DBA" + yyyymmdd(expiry),
                          "DCSTREMBLAY",
                          "DACÉLODIE",
                          "DADMARIE",
                          "DBD" + yyyymmdd(issued),
                          "DBB19880417",
                          "DBC2",
                          "DAYBRO",
                          "DAU165 cm",
                          "DAG1200 RUE SAINT-DENIS",
                          "DAIMONTRÉAL",
                          "DAJQC",
                          "DAKH2X 3K8",
                          "DAQT6521-170488-07",
                          "DCFDEMO0001",
                          "DCGCAN",
                          "DDEN",
                          "DDFN",
                          "DDGN"},
                         "604428");
}

std::vector<std::uint8_t> demo_agent_licence_payload(std::chrono::year_month_day today) {
  using namespace std::chrono;
  const year_month_day expiry{today.year() + years{2}, month{9}, day{3}};
  const year_month_day issued{today.year() - years{3}, month{9}, day{3}};
  return licence_payload({"DCAG",
                          "DCBNONE",
                          "DCDNONE",
                          "DBA" + yyyymmdd(expiry),
                          "DCSOKAFOR",
                          "DACGABRIEL",
                          "DADNONE",
                          "DBD" + yyyymmdd(issued),
                          "DBB19710903",
                          "DBC1",
                          "DAYBRN",
                          "DAU180 cm",
                          "DAG77 KING ST W",
                          "DAITORONTO",
                          "DAJON",
                          "DAKM5K 1A2",
                          "DAQO4417-90317-10903",
                          "DCFDEMO0002",
                          "DCGCAN",
                          "DDEN",
                          "DDFN",
                          "DDGN"},
                         "636012");
}

}  // namespace kiosk
