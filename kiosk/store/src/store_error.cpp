#include "kiosk/store/store_error.hpp"

#include <sqlite3.h>

#include "kiosk/text/kiosk_text.hpp"

namespace kiosk::store {

std::string_view to_string(StoreErrc code) {
  switch (code) {
    case StoreErrc::DiskFull: return "store-disk-full";
    case StoreErrc::Locked: return "store-locked";
    case StoreErrc::IoError: return "store-io-error";
    case StoreErrc::Corrupt: return "store-corrupt";
    case StoreErrc::CannotOpen: return "store-cannot-open";
    case StoreErrc::NotFound: return "store-not-found";
    case StoreErrc::KeyFile: return "store-key-file";
    case StoreErrc::SchemaTooNew: return "store-schema-too-new";
    case StoreErrc::Internal: return "store-internal";
  }
  return "store-error";
}

Bilingual StoreError::message() const {
  switch (code) {
    case StoreErrc::DiskFull: return text::store_error::disk_full;
    case StoreErrc::Locked: return text::store_error::locked;
    case StoreErrc::IoError: return text::store_error::io_error;
    case StoreErrc::Corrupt: return text::store_error::corrupt;
    case StoreErrc::CannotOpen:
    case StoreErrc::NotFound: return text::store_error::not_found;
    case StoreErrc::KeyFile: return text::store_error::key_file;
    case StoreErrc::SchemaTooNew: return text::store_error::schema_too_new;
    case StoreErrc::Internal: break;
  }
  return text::store_error::internal;
}

BilingualText StoreError::explanation() const {
  const Bilingual generic = message();
  if (detail_fr.empty()) return generic;
  return {std::string(generic.en) + "\n" + detail, std::string(generic.fr) + "\n" + detail_fr};
}

StoreError sqlite_error(int result_code, std::string detail) {
  detail += std::string(": ") + sqlite3_errstr(result_code);
  switch (result_code & 0xff) {
    case SQLITE_FULL: return {StoreErrc::DiskFull, std::move(detail)};
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return {StoreErrc::Locked, std::move(detail)};
    case SQLITE_IOERR: return {StoreErrc::IoError, std::move(detail)};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return {StoreErrc::Corrupt, std::move(detail)};
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH: return {StoreErrc::CannotOpen, std::move(detail)};
    default: return {StoreErrc::Internal, std::move(detail)};
  }
}

}  // namespace kiosk::store
