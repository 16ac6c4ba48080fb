#include "kiosk/store/recorded_keys.hpp"

#include "kiosk/core/format_text.hpp"
#include "kiosk/protocol/messages.hpp"
#include "kiosk/store/key_file.hpp"
#include "kiosk/text/kiosk_text.hpp"

namespace kiosk::store {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kModeKey = "key_mode";
constexpr std::string_view kSigningKey = "kiosk_signing_public_key";
constexpr std::string_view kBoxKey = "hq_box_public_key";
constexpr std::string_view kBoxKeyId = "hq_box_key_id";
constexpr std::string_view kPendingBoxKey = "hq_box_key_pending";

std::string pending_text(const AnnouncedBoxKey& announced) {
  return seal::to_hex(announced.key.public_key) + ":" + seal::to_hex(announced.signature);
}

std::optional<AnnouncedBoxKey> parse_pending(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto key = seal::array_from_hex<32>(text.substr(0, colon));
  auto signature = seal::array_from_hex<64>(text.substr(colon + 1));
  if (!key || !signature) return std::nullopt;
  return AnnouncedBoxKey{{seal::key_id_of(*key), *key}, *signature};
}

bool genuine(const AnnouncedBoxKey& announced, const KioskKeys& keys) {
  return keys.trust &&
         protocol::announcement_is_genuine({announced.key, announced.signature}, keys.trust->identity);
}

enum class Settling { Record, CompareOnly };

// Records `value` under `key` the first time; afterwards the recorded value must match.
Status<StoreError> settle(SqliteDatabase& db, std::string_view key, const std::string& value,
                          const fs::path& file, Settling mode) {
  auto recorded = read_meta(db, key);
  if (!recorded) return fail(recorded.error());
  if (!*recorded) return mode == Settling::Record ? write_meta(db, key, value) : Status<StoreError>(Ok{});
  if (**recorded == value) return Ok{};
  const std::string both = value + " / " + **recorded;
  const BilingualText detail = format_text(text::key_file::detail::changed, both.c_str());
  return fail(key_file_error(file, KeyFileProblem::Changed, detail.en, detail.fr));
}

Status<StoreError> set_current_box_key(SqliteDatabase& db, const seal::HeadOfficeBoxKey& key) {
  if (auto written = write_meta(db, kBoxKey, seal::to_hex(key.public_key)); !written) return written;
  if (auto written = write_meta(db, kBoxKeyId, seal::to_hex(key.id)); !written) return written;
  auto forget = db.prepare("DELETE FROM meta WHERE key = ?");
  if (!forget) return fail(forget.error());
  return forget->bind(1, kPendingBoxKey).run();
}

Status<StoreError> settle_box_key(SqliteDatabase& db, const KioskKeys& keys, const fs::path& file,
                                  Settling mode) {
  auto settled = [&]() -> Status<StoreError> {
    return mode == Settling::Record ? set_current_box_key(db, keys.head_office) : Status<StoreError>(Ok{});
  };
  auto recorded = recorded_box_key(db);
  if (!recorded && recorded.error().code != StoreErrc::NotFound) return fail(recorded.error());
  if (!recorded || *recorded == keys.head_office) return settled();
  auto pending = read_meta(db, kPendingBoxKey);
  if (!pending) return fail(pending.error());
  if (*pending) {
    auto announced = parse_pending(**pending);
    if (announced && announced->key == keys.head_office && genuine(*announced, keys)) return settled();
  }
  const std::string both = seal::to_hex(keys.head_office.id) + " / " + seal::to_hex(recorded->id);
  const BilingualText detail = format_text(text::key_file::detail::key_id_changed, both.c_str());
  return fail(key_file_error(file, KeyFileProblem::Changed, detail.en, detail.fr));
}

Status<StoreError> settle_all(SqliteDatabase& db, const fs::path& database, const KioskKeys& keys,
                              const KeyFiles& files, Settling settling) {
  auto mode = read_meta(db, kModeKey);
  if (!mode) return fail(mode.error());
  auto signer = read_meta(db, kSigningKey);
  if (!signer) return fail(signer.error());
  // A database from before modes existed was a demo one.
  const std::string recorded_mode = *mode ? **mode : *signer ? "demo" : std::string(to_string(keys.mode));
  if (recorded_mode != to_string(keys.mode)) {
    const std::string modes = std::string(to_string(keys.mode)) + " / " + recorded_mode;
    const BilingualText detail = format_text(text::key_file::detail::kiosk_mode_changed, modes.c_str());
    return fail(key_file_error(database, KeyFileProblem::WrongKioskMode, detail.en, detail.fr));
  }
  if (!*mode && settling == Settling::Record) {
    if (auto written = write_meta(db, kModeKey, recorded_mode); !written) return written;
  }
  const KeyFingerprints prints = fingerprints_of(keys);
  struct Entry {
    std::string_view key;
    std::string value;
    const fs::path& file;
  };
  std::vector<Entry> entries = {{kSigningKey, seal::to_hex(keys.signing.public_key), files.signing},
                                {"client_hash_key_check", prints.client_hash_check, files.client_hash}};
  if (keys.trust) {
    entries.push_back({"hq_identity_fingerprint", prints.head_office_identity, files.head_office_identity});
    entries.push_back({"hq_certificate_spki", prints.certificate_spki, files.head_office_certificate});
  }
  for (const Entry& entry : entries) {
    if (auto settled = settle(db, entry.key, entry.value, entry.file, settling); !settled) return settled;
  }
  return settle_box_key(db, keys, files.head_office_box, settling);
}

}  // namespace

Expected<std::optional<std::string>, StoreError> read_meta(SqliteDatabase& db, std::string_view key) {
  auto select = db.prepare("SELECT value FROM meta WHERE key = ?");
  if (!select) return fail(select.error());
  select->bind(1, key);
  auto row = select->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{select->column_text(0)};
}

Status<StoreError> write_meta(SqliteDatabase& db, std::string_view key, std::string_view value) {
  auto upsert =
      db.prepare("INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");
  if (!upsert) return fail(upsert.error());
  return upsert->bind(1, key).bind(2, value).run();
}

Status<StoreError> settle_recorded_keys(SqliteDatabase& db, const fs::path& database, KioskKeys& keys,
                                        const KeyFiles& files) {
  return settle_all(db, database, keys, files, Settling::Record);
}

Status<StoreError> compare_recorded_keys(SqliteDatabase& db, const fs::path& database, const KioskKeys& keys,
                                         const KeyFiles& files) {
  return settle_all(db, database, keys, files, Settling::CompareOnly);
}

Expected<seal::HeadOfficeBoxKey, StoreError> recorded_box_key(SqliteDatabase& db) {
  auto recorded = read_meta(db, kBoxKey);
  if (!recorded) return fail(recorded.error());
  if (!*recorded) return fail(StoreError{StoreErrc::NotFound, "meta: no head office box key recorded"});
  auto key = seal::array_from_hex<32>(**recorded);
  if (!key) return fail(StoreError{StoreErrc::Corrupt, "meta: head office box key unreadable"});
  return seal::HeadOfficeBoxKey{seal::key_id_of(*key), *key};
}

Status<StoreError> record_pending_box_key(SqliteDatabase& db, const AnnouncedBoxKey& announced) {
  auto transaction = Transaction::begin(db);
  if (!transaction) return fail(transaction.error());
  if (auto written = write_meta(db, kPendingBoxKey, pending_text(announced)); !written) return written;
  return transaction->commit();
}

Status<StoreError> install_head_office_box_key(SqliteDatabase& db, const KeyFiles& files, KioskKeys& keys,
                                               const AnnouncedBoxKey& announced) {
  if (!genuine(announced, keys)) {
    return fail(
        StoreError{StoreErrc::KeyFile, "box key announcement not signed by head office's identity key"});
  }
  auto current = recorded_box_key(db);
  if (!current) return fail(current.error());
  if (*current == announced.key) {
    keys.head_office = announced.key;
    return Ok{};
  }
  if (auto pending = record_pending_box_key(db, announced); !pending) return pending;
  if (auto replaced = replace_key_file(files.head_office_box, announced.key.public_key); !replaced)
    return replaced;
  auto transaction = Transaction::begin(db);
  if (!transaction) return fail(transaction.error());
  if (auto marked = set_current_box_key(db, announced.key); !marked) return marked;
  if (auto committed = transaction->commit(); !committed) return committed;
  keys.head_office = announced.key;
  return Ok{};
}

}  // namespace kiosk::store
