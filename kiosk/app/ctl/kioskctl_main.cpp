// kioskctl: thin wrapper; every command lives in the kiosk_ctl library so tests run it in-process.
#include <iostream>

#include "ctl_command.hpp"
#include "kiosk/app/process_hardening.hpp"

int main(int argc, char** argv) {
  // kioskctl opens the same database and keys as the kiosk, and creates them on provision.
  if (auto hardened = kiosk::harden_process(); !hardened) {
    std::cerr << "kioskctl: " << hardened.error().detail << "\n";
    return 1;
  }
  kiosk::SystemClock clock;
  kiosk::StderrLogger logger(kiosk::LogLevel::Warning);
  kiosk::ctl::CtlContext context{std::cout, std::cerr, clock, logger, &std::cin};
  return kiosk::ctl::run_kioskctl(std::vector<std::string>(argv + 1, argv + argc), context);
}
