#include "kiosk/app/process_hardening.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace kiosk {

Status<HardeningError> harden_process() {
  const rlimit none{0, 0};
  if (setrlimit(RLIMIT_CORE, &none) != 0) {
    return fail(HardeningError{HardeningErrc::CoreLimit,
                               std::string("setrlimit(RLIMIT_CORE): ") + std::strerror(errno)});
  }
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    return fail(HardeningError{HardeningErrc::Dumpable,
                               std::string("prctl(PR_SET_DUMPABLE): ") + std::strerror(errno)});
  }
  umask(077);
  return Ok{};
}

Status<HardeningError> make_private_folder(const std::filesystem::path& folder) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) {
    return fail(
        HardeningError{HardeningErrc::FolderMode, "cannot create " + folder.string() + ": " + ec.message()});
  }
  struct stat info {};
  if (stat(folder.c_str(), &info) != 0) {
    return fail(HardeningError{HardeningErrc::FolderMode,
                               "cannot read " + folder.string() + ": " + std::strerror(errno)});
  }
  if (info.st_uid != geteuid()) {
    return fail(HardeningError{HardeningErrc::FolderMode,
                               folder.string() + " belongs to another user; the kiosk keeps no data there"});
  }
  if ((info.st_mode & 07777) != 0700 && chmod(folder.c_str(), 0700) != 0) {
    return fail(HardeningError{HardeningErrc::FolderMode,
                               "cannot make " + folder.string() + " private: " + std::strerror(errno)});
  }
  return Ok{};
}

}  // namespace kiosk
