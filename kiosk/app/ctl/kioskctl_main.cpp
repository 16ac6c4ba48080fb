// kioskctl: thin wrapper; every command lives in the kiosk_ctl library so tests run it in-process.
#include <iostream>

#include "ctl_command.hpp"

int main(int argc, char** argv) {
  kiosk::SystemClock clock;
  kiosk::StderrLogger logger(kiosk::LogLevel::Warning);
  kiosk::ctl::CtlContext context{std::cout, std::cerr, clock, logger, &std::cin};
  return kiosk::ctl::run_kioskctl(std::vector<std::string>(argv + 1, argv + argc), context);
}
