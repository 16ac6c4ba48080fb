#pragma once
// The embedded backend: one SQLite file in WAL mode with synchronous=FULL, one connection per
// process behind a mutex (SQLite takes one writer at a time anyway).

#include <memory>

#include "kiosk/hq/head_office_storage.hpp"

namespace kiosk::hq {

Expected<std::unique_ptr<HeadOfficeStorage>, HqError> open_sqlite_storage(const StorageOptions& options,
                                                                          bool create);

}  // namespace kiosk::hq
