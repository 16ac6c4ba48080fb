// consent-hq: thin wrapper; every command lives in the kiosk_hq library so tests run it in-process.
#include <csignal>
#include <iostream>

#include "kiosk/hq/consent_hq_cli.hpp"

int main(int argc, char** argv) {
  // A kiosk that hangs up mid-answer must not end head office by SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  kiosk::SystemClock clock;
  kiosk::StderrLogger logger(kiosk::LogLevel::Info);
  kiosk::hq::HqCliContext context{std::cout, std::cerr, clock, logger};
  return kiosk::hq::run_consent_hq(std::vector<std::string>(argv + 1, argv + argc), context);
}
