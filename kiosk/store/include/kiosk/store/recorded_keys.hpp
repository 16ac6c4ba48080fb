#pragma once
// What a database remembers of the keys it was made with (its meta table): the mode, the kiosk's
// signing key, a check of the client-hash secret, head office's box key, identity key and
// certificate. A key swapped, lost or replaced underneath a database is refused rather than
// silently forking the kiosk's identity or sealing records to a stranger.
//
// Head office rotates its box key by announcing a new one, signed with its identity key, in an
// upload response. Installing it is crash-safe: the announcement is recorded as pending, the key
// file is replaced atomically, then the key is marked current. A kiosk killed in between finds
// at its next open either the old file (still current) or the new one matching the pending
// announcement, which is promoted once its signature holds against the pinned identity key.

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/seal/signature.hpp"
#include "kiosk/store/kiosk_keys.hpp"
#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::store {

Expected<std::optional<std::string>, StoreError> read_meta(SqliteDatabase& db, std::string_view key);
// Inserts or replaces. Call inside the caller's transaction when it must go with other writes.
Status<StoreError> write_meta(SqliteDatabase& db, std::string_view key, std::string_view value);

// Compares the keys with what the database recorded, recording them at its first open (in the
// caller's transaction). Promotes a pending box key as described above.
Status<StoreError> settle_recorded_keys(SqliteDatabase& db, const std::filesystem::path& database,
                                        KioskKeys& keys, const KeyFiles& files);
// The same comparison on a database opened read-only: what an open would refuse, changing nothing.
Status<StoreError> compare_recorded_keys(SqliteDatabase& db, const std::filesystem::path& database,
                                         const KioskKeys& keys, const KeyFiles& files);

// Head office's box key as the database knows it now; commits seal to it.
Expected<seal::HeadOfficeBoxKey, StoreError> recorded_box_key(SqliteDatabase& db);

struct AnnouncedBoxKey {
  seal::HeadOfficeBoxKey key;
  seal::Signature signature{};
};

// The first step of an installation: the announcement recorded as pending (own transaction).
Status<StoreError> record_pending_box_key(SqliteDatabase& db, const AnnouncedBoxKey& announced);

// Installs a box key head office announced. Refused unless the announcement is signed by the
// pinned identity key in `keys`; on success `keys.head_office` is the new key.
Status<StoreError> install_head_office_box_key(SqliteDatabase& db, const KeyFiles& files, KioskKeys& keys,
                                               const AnnouncedBoxKey& announced);

}  // namespace kiosk::store
