#pragma once
// Every way the store can fail, as a value the app turns into the out-of-service screen.

#include <string>
#include <string_view>

#include "kiosk/core/language.hpp"

namespace kiosk::store {

enum class StoreErrc {
  DiskFull,      // SQLITE_FULL: nothing was written; free space, then retry
  Locked,        // another process holds the database past the busy timeout
  IoError,       // the disk refused a read, write or flush
  Corrupt,       // the file is damaged: it was set aside for a tech, never deleted
  CannotOpen,    // missing folder, permissions, read-only medium
  NotFound,      // inspection of a database that does not exist
  KeyFile,       // a key file is missing, unreadable or the wrong size
  SchemaTooNew,  // written by a newer kiosk version: refuse rather than guess
  Internal,      // a bug (misuse of SQLite): the detail says where
};

std::string_view to_string(StoreErrc code);

struct StoreError {
  StoreErrc code;
  std::string detail;  // for the tech and the log: never holds client data
  // The detail in French, where a tech must read it on screen (a key file named and what is
  // wrong with it); empty when the detail is only for the log.
  std::string detail_fr = {};

  // What the out-of-service screen says, in both languages.
  Bilingual message() const;
  // The message, followed by the detail in each language when there is one for the screen.
  BilingualText explanation() const;
};

// Maps an SQLite result code (extended or primary) to the kiosk's error.
StoreError sqlite_error(int result_code, std::string detail);

}  // namespace kiosk::store
