#pragma once
// The shared backend: PostgreSQL through libpq, a pool of connections per process. Several
// `consent-hq serve` processes may share one database: the UNIQUE constraint decides which copy of
// a record is stored, a row lock which server consumes an enrollment token, and an advisory lock
// per kiosk orders one kiosk's batches so that fork detection sees every earlier record.

#include <memory>

#include "kiosk/hq/head_office_storage.hpp"

namespace kiosk::hq {

Expected<std::unique_ptr<HeadOfficeStorage>, HqError> open_postgres_storage(const StorageOptions& options,
                                                                            bool create);

}  // namespace kiosk::hq
