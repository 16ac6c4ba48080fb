#pragma once
// Every way head office can fail, as a value. The server turns them into HTTP answers (a busy or
// unreachable database is 503 with Retry-After), the command line into exit codes.

#include <string>
#include <string_view>

namespace kiosk::hq {

enum class HqErrc {
  BadInput,            // the caller's arguments or data
  Config,              // hq.toml: unreadable, malformed, unknown or missing key, wrong type
  AlreadyExists,       // init would overwrite a head office
  KeyFile,             // a secret file is missing, the wrong size, or readable by others
  Tls,                 // the certificate or its key
  StorageBusy,         // locked or overloaded past the busy timeout: retry shortly
  StorageUnavailable,  // the database cannot be reached: retry later
  Storage,             // the database refused (schema, disk, constraint)
  Internal,            // a bug or an environment failure
};

std::string_view to_string(HqErrc code);

struct HqError {
  HqErrc code;
  std::string detail;  // for the operator and the log: never a client's identity

  // A busy or unreachable database: the same request may succeed later.
  bool retryable() const { return code == HqErrc::StorageBusy || code == HqErrc::StorageUnavailable; }
};

}  // namespace kiosk::hq
