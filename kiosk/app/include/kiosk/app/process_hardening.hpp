#pragma once
// What the kiosk and kioskctl do to their own process before they touch a client's data: a crash
// must not leave the decoded card in a core file, another process of the same user must not read
// it through ptrace or /proc/PID/mem, and every file the store creates (database, journal, keys)
// must be readable by the kiosk's user alone, whatever umask the session started with.

#include <filesystem>
#include <string>

#include "kiosk/core/expected.hpp"

namespace kiosk {

enum class HardeningErrc { CoreLimit, Dumpable, FolderMode };

struct HardeningError {
  HardeningErrc code;
  std::string detail;
};

// No core dumps (RLIMIT_CORE 0), not dumpable (also refuses ptrace from the same user), umask 077.
Status<HardeningError> harden_process();

// Creates the folder if needed and makes it 0700. A folder owned by someone else is left alone
// and reported: the kiosk refuses to keep its data there rather than take it over.
Status<HardeningError> make_private_folder(const std::filesystem::path& folder);

}  // namespace kiosk
