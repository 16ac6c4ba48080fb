#pragma once
// Staff who may sign in at the kiosk, each with a PIN kept only as an Argon2id hash (libsodium's
// interactive limits), and the failures that lock a staff member out, in the kiosk's database
// so that a restart forgives nothing. Every attempt, enrollment and removal is audited under the
// staff id.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/core/staff/pin_rules.hpp"
#include "kiosk/store/sqlite_database.hpp"

namespace kiosk::store {

struct StaffMember {
  std::string id;
  staff::StaffRole role = staff::StaffRole::Associate;
  staff::PinAttempts attempts;
};

class StaffPins {
 public:
  StaffPins(SqliteDatabase& db, const Clock& clock, staff::LockoutPolicy policy = {})
      : db_(db), clock_(clock), policy_(policy) {}

  // Adds a staff member, or replaces the role and PIN of one (which also clears a lockout).
  // `by` names who did it in the audit log. The id and PIN must pass the rules in pin_rules.hpp.
  Status<StoreError> enroll(std::string_view id, staff::StaffRole role, std::string_view pin,
                            std::string_view by);
  // False when there was no such staff member.
  Expected<bool, StoreError> remove(std::string_view id, std::string_view by);
  Expected<std::vector<StaffMember>, StoreError> members();
  // Costs one Argon2id hash, even for an unknown id, so that timing does not tell which ids exist.
  // While locked out, the PIN is not even looked at.
  Expected<staff::PinVerdict, StoreError> verify(std::string_view id, std::string_view pin);

 private:
  Expected<std::optional<StaffMember>, StoreError> find(std::string_view id);
  Expected<std::optional<std::string>, StoreError> pin_hash(std::string_view id);
  Status<StoreError> save_attempts(std::string_view id, const staff::PinAttempts& attempts);

  SqliteDatabase& db_;
  const Clock& clock_;
  staff::LockoutPolicy policy_;
};

}  // namespace kiosk::store
