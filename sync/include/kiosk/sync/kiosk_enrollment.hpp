#pragma once
// The network half of `kioskctl provision` (sync/PROTOCOL.md, "Enrollment"): read the
// certificate head office shows, then enroll pinned to it, proving the token without sending
// it, and check that the grant is MAC'd with the token and names the certificate pinned.

#include <chrono>
#include <string>

#include "kiosk/protocol/enrollment.hpp"
#include "kiosk/seal/keys.hpp"

namespace kiosk::sync {

enum class EnrollErrc {
  Unreachable,          // no head office at that URL
  NoCertificate,        // the server showed none
  CertificateMismatch,  // the second connection met another certificate, or the grant names another
  Refused,              // head office said no: `head_office_code` says why (token-used, proof-mismatch…)
  BadGrant,             // not MAC'd with this token, or unreadable
  WrongKiosk,           // the grant is for another kiosk id
  Failed,               // anything else on the way
};

std::string_view to_string(EnrollErrc code);

struct EnrollError {
  EnrollErrc code;
  std::string head_office_code;  // for Refused
  std::string detail;
};

struct EnrollmentResult {
  protocol::EnrollGrant grant;
  protocol::SpkiDigest spki{};
};

Expected<EnrollmentResult, EnrollError> enroll_with_head_office(const std::string& base_url,
                                                                const std::string& kiosk_id,
                                                                const protocol::EnrollmentToken& token,
                                                                const seal::SigningPublicKey& kiosk_key,
                                                                std::chrono::milliseconds timeout);

}  // namespace kiosk::sync
