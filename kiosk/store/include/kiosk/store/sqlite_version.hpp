#pragma once
#include <string_view>

namespace kiosk::store {
// The SQLite library the kiosk runs on, for `kioskctl selftest` and diagnostics.
std::string_view sqlite_library_version();
}  // namespace kiosk::store
