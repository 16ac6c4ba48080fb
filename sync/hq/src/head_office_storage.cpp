#include "kiosk/hq/head_office_storage.hpp"

#include "kiosk/hq/hq_config.hpp"
#include "postgres_storage.hpp"
#include "sqlite_storage.hpp"

namespace kiosk::hq {

Expected<std::unique_ptr<HeadOfficeStorage>, HqError> open_storage(const StorageOptions& options) {
  return is_postgresql_url(options.database) ? open_postgres_storage(options, false)
                                             : open_sqlite_storage(options, false);
}

Status<HqError> create_storage(const StorageOptions& options) {
  auto created = is_postgresql_url(options.database) ? open_postgres_storage(options, true)
                                                     : open_sqlite_storage(options, true);
  if (!created) return fail(created.error());
  return Ok{};
}

}  // namespace kiosk::hq
