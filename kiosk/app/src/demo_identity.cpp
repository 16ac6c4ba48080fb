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

}  // namespace

std::vector<std::uint8_t> demo_licence_payload(std::chrono::year_month_day today) {
  using namespace std::chrono;
  const year_month_day expiry{today.year() + years{3}, month{4}, day{17}};
  const year_month_day issued{today.year() - years{2}, month{4}, day{17}};
  std::string subfile = "DL";
  const std::vector<std::string> elements = {"DCAG",
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
                                             "DDGN"};
  for (const std::string& element : elements) {
    subfile += element;
    subfile += '\n';
  }
  subfile.back() = '\r';
  // Header: compliance indicator, separators, file type, IIN 604428 (Quebec), AAMVA version 10,
  // jurisdiction version 00, one subfile; then the subfile's designator, offset and length.
  const std::size_t header_length = 21 + 10;
  char designator[16];
  std::snprintf(designator, sizeof designator, "DL%04zu%04zu", header_length, subfile.size());
  const std::string payload = std::string("@\n\x1e\rANSI 604428100001") + designator + subfile;
  return {payload.begin(), payload.end()};
}

}  // namespace kiosk
