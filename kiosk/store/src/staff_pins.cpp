#include "kiosk/store/staff_pins.hpp"

#include <sodium.h>

#include <array>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/store/audit_log.hpp"

namespace kiosk::store {
namespace {

using std::chrono::system_clock;

std::int64_t unix_seconds(system_clock::time_point at) {
  return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

Expected<std::string, StoreError> hash_pin(std::string_view pin) {
  if (sodium_init() < 0) return fail(StoreError{StoreErrc::Internal, "libsodium failed to initialize"});
  std::array<char, crypto_pwhash_STRBYTES> hashed{};
  if (crypto_pwhash_str_alg(hashed.data(), pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(StoreError{StoreErrc::Internal, "Argon2id: not enough memory to hash a PIN"});
  }
  return std::string(hashed.data());
}

Status<StoreError> audit(SqliteDatabase& db, std::string_view actor, AuditAction action, std::string detail,
                         system_clock::time_point at) {
  return AuditLog(db).append({std::string(actor), action, std::move(detail)}, at);
}

}  // namespace

using staff::PinVerdict;
using staff::PinVerdictCode;

Status<StoreError> StaffPins::enroll(std::string_view id, staff::StaffRole role, std::string_view pin,
                                     std::string_view by) {
  if (!staff::is_valid_staff_id(id) || staff::check_pin_format(pin)) {
    return fail(StoreError{StoreErrc::Internal, "staff id or PIN not checked before enrolling"});
  }
  auto hashed = hash_pin(pin);
  if (!hashed) return fail(hashed.error());
  auto transaction = Transaction::begin(db_);
  if (!transaction) return fail(transaction.error());
  const auto now = clock_.now();
  auto upsert = db_.prepare(
      "INSERT INTO staff(staff_id, role, pin_hash, enrolled_at) VALUES(?,?,?,?) "
      "ON CONFLICT(staff_id) DO UPDATE SET role = excluded.role, pin_hash = excluded.pin_hash, "
      "consecutive_failures = 0, lockouts = 0, locked_until = NULL, enrolled_at = excluded.enrolled_at");
  if (!upsert) return fail(upsert.error());
  upsert->bind(1, id).bind(2, staff::to_string(role)).bind(3, *hashed).bind(4, consent::format_utc(now));
  if (auto stored = upsert->run(); !stored) return stored;
  const std::string detail = "staff " + std::string(id) + " as " + std::string(staff::to_string(role));
  if (auto audited = audit(db_, by, AuditAction::StaffEnrolled, detail, now); !audited) return audited;
  return transaction->commit();
}

Expected<bool, StoreError> StaffPins::remove(std::string_view id, std::string_view by) {
  auto transaction = Transaction::begin(db_);
  if (!transaction) return fail(transaction.error());
  auto erase = db_.prepare("DELETE FROM staff WHERE staff_id = ?");
  if (!erase) return fail(erase.error());
  erase->bind(1, id);
  if (auto erased = erase->run(); !erased) return fail(erased.error());
  if (db_.changes() == 0) return false;
  if (auto audited = audit(db_, by, AuditAction::StaffRemoved, "staff " + std::string(id), clock_.now());
      !audited)
    return fail(audited.error());
  if (auto committed = transaction->commit(); !committed) return fail(committed.error());
  return true;
}

Expected<std::vector<StaffMember>, StoreError> StaffPins::members() {
  auto select = db_.prepare(
      "SELECT staff_id, role, consecutive_failures, lockouts, locked_until FROM staff ORDER BY staff_id");
  if (!select) return fail(select.error());
  std::vector<StaffMember> found;
  for (;;) {
    auto row = select->step();
    if (!row) return fail(row.error());
    if (!*row) return found;
    StaffMember member;
    member.id = select->column_text(0);
    member.role = staff::staff_role_from_string(select->column_text(1)).value_or(staff::StaffRole::Associate);
    member.attempts.consecutive_failures = static_cast<int>(select->column_int(2));
    member.attempts.lockouts = static_cast<int>(select->column_int(3));
    if (!select->column_is_null(4)) {
      member.attempts.locked_until = system_clock::time_point{std::chrono::seconds{select->column_int(4)}};
    }
    found.push_back(std::move(member));
  }
}

Expected<std::optional<StaffMember>, StoreError> StaffPins::find(std::string_view id) {
  auto all = members();
  if (!all) return fail(all.error());
  for (auto& member : *all) {
    if (member.id == id) return std::optional<StaffMember>(std::move(member));
  }
  return std::optional<StaffMember>();
}

Expected<std::optional<std::string>, StoreError> StaffPins::pin_hash(std::string_view id) {
  auto select = db_.prepare("SELECT pin_hash FROM staff WHERE staff_id = ?");
  if (!select) return fail(select.error());
  select->bind(1, id);
  auto row = select->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(select->column_text(0));
}

Status<StoreError> StaffPins::save_attempts(std::string_view id, const staff::PinAttempts& attempts) {
  auto update = db_.prepare(
      "UPDATE staff SET consecutive_failures = ?, lockouts = ?, locked_until = ? WHERE staff_id = ?");
  if (!update) return fail(update.error());
  update->bind(1, std::int64_t{attempts.consecutive_failures}).bind(2, std::int64_t{attempts.lockouts});
  if (attempts.locked_until) {
    update->bind(3, unix_seconds(*attempts.locked_until));
  } else {
    update->bind_null(3);
  }
  update->bind(4, id);
  return update->run();
}

Expected<staff::PinVerdict, StoreError> StaffPins::verify(std::string_view id, std::string_view pin) {
  const auto now = clock_.now();
  auto member = find(id);
  if (!member) return fail(member.error());
  if (*member && (*member)->attempts.locked_at(now)) {
    const auto until = *(*member)->attempts.locked_until;
    auto transaction = Transaction::begin(db_);
    if (!transaction) return fail(transaction.error());
    if (auto audited = audit(db_, id, AuditAction::StaffLockedOut,
                             "attempt while locked until " + consent::format_utc(until), now);
        !audited)
      return fail(audited.error());
    if (auto committed = transaction->commit(); !committed) return fail(committed.error());
    return PinVerdict{PinVerdictCode::LockedOut, std::nullopt, until, 0};
  }

  auto stored_hash = pin_hash(id);
  if (!stored_hash) return fail(stored_hash.error());
  bool matches = false;
  if (*stored_hash) {
    if (sodium_init() < 0) return fail(StoreError{StoreErrc::Internal, "libsodium failed to initialize"});
    matches = crypto_pwhash_str_verify((*stored_hash)->c_str(), pin.data(), pin.size()) == 0;
  } else if (auto decoy = hash_pin(pin); !decoy) {
    return fail(decoy.error());
  }

  auto transaction = Transaction::begin(db_);
  if (!transaction) return fail(transaction.error());
  PinVerdict verdict;
  if (!*member) {
    verdict.code = PinVerdictCode::UnknownStaff;
    if (auto audited = audit(db_, id, AuditAction::FailedPin, "unknown staff id", now); !audited)
      return fail(audited.error());
  } else if (matches) {
    verdict.code = PinVerdictCode::Accepted;
    verdict.role = (*member)->role;
    if (auto saved = save_attempts(id, {}); !saved) return fail(saved.error());
    if (auto audited = audit(db_, id, AuditAction::StaffLogin,
                             "PIN accepted, role " + std::string(staff::to_string((*member)->role)), now);
        !audited)
      return fail(audited.error());
  } else {
    const staff::PinAttempts attempts = staff::after_wrong_pin(policy_, (*member)->attempts, now);
    if (auto saved = save_attempts(id, attempts); !saved) return fail(saved.error());
    const bool locked = attempts.locked_at(now);
    verdict.code = locked ? PinVerdictCode::LockedOut : PinVerdictCode::WrongPin;
    verdict.locked_until = locked ? attempts.locked_until : std::nullopt;
    verdict.attempts_left = staff::attempts_left(policy_, attempts);
    const std::string detail =
        locked ? "wrong PIN; locked out until " + consent::format_utc(*attempts.locked_until)
               : "wrong PIN; " + std::to_string(verdict.attempts_left) + " attempts left";
    if (auto audited =
            audit(db_, id, locked ? AuditAction::StaffLockedOut : AuditAction::FailedPin, detail, now);
        !audited)
      return fail(audited.error());
  }
  if (auto committed = transaction->commit(); !committed) return fail(committed.error());
  return verdict;
}

}  // namespace kiosk::store
