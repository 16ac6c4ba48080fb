#pragma once
// Key files as the kiosk trusts them: a regular file owned by the kiosk's own user that no one
// else may read or write (mode 0600), of the size its key has. Anything else is refused with a
// KeyFile error naming the file and what is wrong, in English and French, for the tech.
//
// Writes are whole or nothing: a new key is written to an unnamed file (O_TMPFILE), fsynced, then
// linked into place; a replaced key is written beside its file, fsynced, then renamed over it.

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/store/store_error.hpp"

namespace kiosk::store {

enum class KeyFileProblem {
  Missing,
  Unreadable,
  NotAFile,
  WrongOwner,
  OpenToOthers,
  WrongSize,
  NotACertificate,
  Changed,  // not the key this database recorded
  Exists,   // a new key would replace one that is already there
  CannotWrite,
  WrongKioskMode,  // a demo database opened as an enrolled kiosk, or the reverse
};

// `what` adds specifics (sizes, modes, fingerprints) in each language.
StoreError key_file_error(const std::filesystem::path& file, KeyFileProblem problem,
                          const std::string& what_en = {}, const std::string& what_fr = {});

// The bytes of a checked key file. `size` is the exact size the key has; 0 accepts any size up to
// `max_size` (a PEM certificate).
Expected<std::vector<unsigned char>, StoreError> read_key_file(const std::filesystem::path& file,
                                                               std::size_t size, std::size_t max_size = 0);
bool key_file_exists(const std::filesystem::path& file);

// Refuses (Exists) when the file is already there: a key is never overwritten by accident.
Status<StoreError> write_new_key_file(const std::filesystem::path& file,
                                      std::span<const unsigned char> bytes);
// Replaces the file's content atomically: a kill leaves the old key or the new one, never half.
Status<StoreError> replace_key_file(const std::filesystem::path& file, std::span<const unsigned char> bytes);

}  // namespace kiosk::store
