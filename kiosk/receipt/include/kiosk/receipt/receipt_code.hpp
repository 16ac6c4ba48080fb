#pragma once
// The signed code a receipt's QR carries: printable ASCII, so any QR reader returns it unchanged,
// and short enough for a version-9 QR at receipt-printer resolution.
//
//   CR1.<record id>.<kiosk id>.<time>.<policy>.<decisions>.<signature>     every field base64url
//
//   record id   16 bytes (the record's 128-bit hex id)
//   kiosk id    its UTF-8 bytes
//   time        6 bytes, big-endian milliseconds since 1970 (UTC)
//   policy      the first 8 bytes of the policy version (content hash)
//   decisions   event kind (1 byte), count (1 byte), then 2 bits per decision in the record's
//               order, first in the high bits: 0 refused, 1 granted, 2 anything else (a notice)
//   signature   Ed25519 by the kiosk's signing key over the five fields above, under the domain
//               "kiosk-consent-receipt-v1" (kiosk/seal), so no other signature of the kiosk's
//               verifies as a receipt.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/seal/keys.hpp"
#include "kiosk/seal/signature.hpp"

namespace kiosk::receipt {

inline constexpr std::string_view kReceiptCodePrefix = "CR1.";

struct ReceiptCode {
  std::string record_id;  // hex, as the ledger has it
  std::string kiosk_id;
  std::int64_t time_ms = 0;
  std::array<unsigned char, 8> policy_prefix{};
  std::string event_kind;  // consent::to_string(EventKind); "unknown" for a kind this build lacks
  std::vector<std::uint8_t> decisions;  // 0 refused, 1 granted, 2 other, in the record's order
  seal::Signature signature{};
};

enum class ReceiptCodeErrc {
  NotAReceipt,   // no "CR1." prefix, or not seven fields
  Malformed,     // a field is not base64url or has the wrong size
  BadSignature,  // well formed, but the kiosk's key did not sign it (altered, or another kiosk)
};

std::string_view to_string(ReceiptCodeErrc code);

struct ReceiptCodeError {
  ReceiptCodeErrc code;
  std::string detail;
};

// Fails (Malformed) only for a record that is not the ledger's: an id that is not 32 hex digits,
// a policy version that is not hex, more than 255 decisions.
Expected<std::string, ReceiptCodeError> sign_receipt_code(const consent::ConsentRecord& record,
                                                          std::string_view kiosk_id,
                                                          const seal::SigningKeyPair& kiosk_key);

Expected<ReceiptCode, ReceiptCodeError> parse_receipt_code(std::string_view text);

// Parses, then checks the signature against the kiosk's public key.
Expected<ReceiptCode, ReceiptCodeError> verify_receipt_code(std::string_view text,
                                                            const seal::SigningPublicKey& kiosk_key);

// True when the code's fields are those of `record` (the same id, time, policy and decisions).
bool code_matches_record(const ReceiptCode& code, const consent::ConsentRecord& record);

// What a verifier prints of a code, the same from kioskctl and consent-hq: one JSON object with
// record_id, kiosk_id, time (UTC), policy_prefix (hex), kind and decisions ("refused", "granted",
// "other", in the record's order).
std::string summary_json(const ReceiptCode& code);

}  // namespace kiosk::receipt
