#include "kiosk/store/sqlite_version.hpp"

#include <sqlite3.h>

namespace kiosk::store {
std::string_view sqlite_library_version() {
  return sqlite3_libversion();
}
}  // namespace kiosk::store
