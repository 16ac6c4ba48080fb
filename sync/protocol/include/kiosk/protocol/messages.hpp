#pragma once
// Every message between a kiosk and head office (sync/PROTOCOL.md), built and parsed in one
// place so that both ends agree byte for byte. Parsers never throw: a malformed body is a value.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/seal/keys.hpp"
#include "kiosk/seal/signature.hpp"

namespace kiosk::protocol {

inline constexpr std::string_view kHealthPath = "/v1/health";
inline constexpr std::string_view kEnrollPath = "/v1/enroll";
inline constexpr std::string_view kRecordsPath = "/v1/records";
inline constexpr std::string_view kClientStatePath = "/v1/client-state";
inline constexpr std::string_view kAdminGapsPath = "/v1/admin/gaps";
inline constexpr std::string_view kMetricsPath = "/metrics";
// GET kKiosksPath + ID + kKeysSuffix
inline constexpr std::string_view kKiosksPath = "/v1/kiosks/";
inline constexpr std::string_view kKeysSuffix = "/keys";

inline constexpr std::string_view kKioskIdHeader = "X-Kiosk-Id";
inline constexpr std::string_view kKioskSignatureHeader = "X-Kiosk-Signature";

// What head office accepts in one upload.
inline constexpr std::size_t kMaxBatchRecords = 500;
inline constexpr std::size_t kMaxBodyBytes = std::size_t{4} << 20;

enum class ParseErrc { NotJson, MissingField, BadValue, TooLarge };
std::string_view to_string(ParseErrc code);

struct ParseError {
  ParseErrc code;
  std::string field;  // which field, for the log; never its value
};

template <class T>
using Parsed = Expected<T, ParseError>;

// {"error":{"code":...,"message":...}}
struct ErrorBody {
  std::string code;
  std::string message;
};
std::string to_json(const ErrorBody& error);
Parsed<ErrorBody> parse_error_body(std::string_view body);

// ---- health ----

struct Health {
  std::string service;
  std::string version;
  std::string time;  // head office's clock, UTC
};
std::string to_json(const Health& health);
Parsed<Health> parse_health(std::string_view body);

// ---- records ----

struct UploadItem {
  std::string record_id;
  std::vector<unsigned char> envelope;
};

struct UploadBatch {
  std::vector<UploadItem> records;
};
std::string to_json(const UploadBatch& batch);
// Refuses more than kMaxBatchRecords records (TooLarge) before decoding any envelope.
Parsed<UploadBatch> parse_upload_batch(std::string_view body);

enum class RecordStatus { Stored, Duplicate, Rejected };
std::string_view to_string(RecordStatus status);

struct RecordResult {
  std::string record_id;
  RecordStatus status = RecordStatus::Stored;
  std::string code;     // for Rejected: why, e.g. "envelope-bad-signature"
  std::string message;  // for Rejected: for the tech
  bool acknowledged() const { return status != RecordStatus::Rejected; }
};

// Head office's newest box key, signed with its identity key.
struct BoxKeyAnnouncement {
  seal::HeadOfficeBoxKey key;
  seal::Signature signature{};
};
BoxKeyAnnouncement announce_box_key(const seal::HeadOfficeBoxKey& key,
                                    const seal::SigningKeyPair& head_office);
bool announcement_is_genuine(const BoxKeyAnnouncement& announcement,
                             const seal::SigningPublicKey& head_office);

struct UploadResponse {
  std::vector<RecordResult> results;
  std::optional<BoxKeyAnnouncement> box_key;
};
std::string to_json(const UploadResponse& response);
Parsed<UploadResponse> parse_upload_response(std::string_view body);

// ---- client state (head office is the authority for a client's choices) ----

struct ClientStateQuestion {
  std::string kiosk_id;
  std::string issuer;
  std::string document_number;
  std::string nonce;  // hex, 16 random bytes
};
// Plain JSON, to be sealed with seal::seal_to_head_office. Wipe it after sealing.
std::string to_json(const ClientStateQuestion& question);
Parsed<ClientStateQuestion> parse_client_state_question(std::string_view text);
std::string new_nonce();

// {"request": base64url(sealed question)}
std::string client_state_request_body(std::span<const unsigned char> sealed_question);
Parsed<std::vector<unsigned char>> parse_client_state_request_body(std::string_view body);

struct ClientStateAnswer {
  std::string nonce;
  bool known = false;
  std::vector<std::string> records;  // ledger JSON (consent::to_ledger_json), oldest first
  std::string as_of;
};
// The signed form head office sends: {"answer": "<JSON text>", "signature": base64url}.
std::string signed_client_state_answer(const ClientStateAnswer& answer,
                                       const seal::SigningKeyPair& head_office);

enum class AnswerErrc { Malformed, BadSignature, WrongNonce };
std::string_view to_string(AnswerErrc code);
// Checks the signature with the pinned identity key and that it answers this question.
Expected<ClientStateAnswer, AnswerErrc> open_client_state_answer(std::string_view body,
                                                                 const seal::SigningPublicKey& head_office,
                                                                 std::string_view expected_nonce);

// ---- kiosk public keys (for receipts) ----

struct KioskKeys {
  std::string kiosk_id;
  std::vector<seal::SigningPublicKey> signing_public_keys;
};
std::string to_json(const KioskKeys& keys);
Parsed<KioskKeys> parse_kiosk_keys(std::string_view body);

}  // namespace kiosk::protocol
