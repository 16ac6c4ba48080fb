#pragma once
// Enrolling kiosks (sync/PROTOCOL.md): head office issues a one-time, expiring token to a tech,
// and later accepts the kiosk that proves it holds that token, bound to head office's own TLS
// key, exactly once, whichever of several servers it reaches.

#include <chrono>
#include <string>
#include <string_view>

#include "kiosk/core/expected.hpp"
#include "kiosk/hq/head_office.hpp"

namespace kiosk::hq {

// Kiosk ids travel in URLs, headers and logs: letters, digits, '.', '_' and '-', 1-128 of them.
bool valid_kiosk_id(std::string_view kiosk_id);

struct IssuedToken {
  protocol::EnrollmentToken token;
  std::string kiosk_id;
  std::string expires_at;
};

Expected<IssuedToken, HqError> issue_enrollment_token(HeadOfficeStorage& storage, std::string_view kiosk_id,
                                                      std::chrono::hours ttl, const Clock& clock);

enum class EnrollRefusal { Malformed, TokenUnknown, TokenExpired, TokenUsed, ProofMismatch, Storage };
std::string_view to_string(EnrollRefusal refusal);

struct EnrollError {
  EnrollRefusal refusal;
  HqError error;  // the storage failure, for Storage; the reason otherwise
};

struct Enrollment {
  std::string kiosk_id;
  std::string response_body;  // {"grant": ..., "mac": ...}
};

// Checks the proof against head office's own certificate, consumes the token and registers the
// kiosk's key (earlier keys of the same kiosk stay valid), then seals the grant with the token.
Expected<Enrollment, EnrollError> enroll_kiosk(HeadOffice& head_office, std::string_view request_body);

}  // namespace kiosk::hq
