#include "kiosk/receipt/receipt_code.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

namespace kiosk::receipt {
namespace {

constexpr std::string_view kDomain = "kiosk-consent-receipt-v1";
constexpr std::size_t kFields = 6;  // after the prefix: five signed fields and the signature
constexpr std::size_t kTimeBytes = 6;

// The kinds a code can name, by their position: the order is part of the format.
constexpr std::string_view kKinds[] = {"choices", "withdrawal", "access-request", "agent-designation",
                                       "carried-forward"};
constexpr std::uint8_t kUnknownKind = 0xFF;

std::uint8_t kind_byte(std::string_view kind) {
  for (std::size_t i = 0; i < std::size(kKinds); ++i) {
    if (kKinds[i] == kind) return static_cast<std::uint8_t>(i);
  }
  return kUnknownKind;
}

std::uint8_t decision_bits(consent::Decision decision) {
  const std::string_view name = consent::to_string(decision);
  return name == "refused" ? 0 : name == "granted" ? 1 : 2;
}

std::vector<unsigned char> pack_decisions(std::uint8_t kind, const std::vector<std::uint8_t>& decisions) {
  std::vector<unsigned char> out = {kind, static_cast<unsigned char>(decisions.size())};
  out.resize(2 + (decisions.size() + 3) / 4, 0);
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    const int shift = 6 - 2 * static_cast<int>(i % 4);
    out[2 + i / 4] = static_cast<unsigned char>(out[2 + i / 4] | ((decisions[i] & 3) << shift));
  }
  return out;
}

std::array<unsigned char, kTimeBytes> time_bytes(std::int64_t ms) {
  std::array<unsigned char, kTimeBytes> out{};
  for (std::size_t i = 0; i < kTimeBytes; ++i) {
    out[kTimeBytes - 1 - i] = static_cast<unsigned char>((ms >> (8 * i)) & 0xFF);
  }
  return out;
}

// Only the one canonical spelling of each field is accepted: a code altered anywhere, even in the
// spare bits of its last character, no longer verifies.
std::optional<std::vector<unsigned char>> canonical_field(std::string_view text) {
  auto bytes = seal::from_base64url(text);
  if (!bytes || seal::to_base64url(*bytes) != text) return std::nullopt;
  return bytes;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    out.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

struct SignedFields {
  std::vector<unsigned char> record_id;
  std::string kiosk_id;
  std::array<unsigned char, kTimeBytes> time{};
  std::array<unsigned char, 8> policy{};
  std::vector<unsigned char> decisions;
};

seal::Signature sign_fields(const SignedFields& f, const seal::SigningKeyPair& key) {
  return seal::sign_parts(kDomain, {f.record_id, seal::bytes_of(f.kiosk_id), f.time, f.policy, f.decisions},
                          key);
}

bool verify_fields(const SignedFields& f, const seal::Signature& signature,
                   const seal::SigningPublicKey& key) {
  return seal::verify_parts(kDomain, {f.record_id, seal::bytes_of(f.kiosk_id), f.time, f.policy, f.decisions},
                            signature, key);
}

Expected<SignedFields, ReceiptCodeError> fields_of(const consent::ConsentRecord& record,
                                                   std::string_view kiosk_id) {
  SignedFields fields;
  auto id = seal::from_hex(record.id, 16);
  auto policy = seal::from_hex(std::string_view(record.policy_version).substr(0, 16), 8);
  if (!id || !policy || record.decisions.size() > 255) {
    return fail(ReceiptCodeError{ReceiptCodeErrc::Malformed, "record id, policy version or decisions"});
  }
  fields.record_id = std::move(*id);
  fields.kiosk_id = std::string(kiosk_id);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(record.recorded_at.time_since_epoch()).count();
  fields.time = time_bytes(ms);
  std::copy(policy->begin(), policy->end(), fields.policy.begin());
  std::vector<std::uint8_t> decisions;
  for (const auto& decision : record.decisions) decisions.push_back(decision_bits(decision.decision));
  fields.decisions = pack_decisions(kind_byte(consent::to_string(record.kind)), decisions);
  return fields;
}

ReceiptCodeError malformed(std::string detail) {
  return ReceiptCodeError{ReceiptCodeErrc::Malformed, std::move(detail)};
}

Expected<std::pair<ReceiptCode, SignedFields>, ReceiptCodeError> parse_fields(std::string_view text) {
  if (!text.starts_with(kReceiptCodePrefix)) {
    return fail(ReceiptCodeError{ReceiptCodeErrc::NotAReceipt, "no CR1. prefix"});
  }
  const auto parts = split(text.substr(kReceiptCodePrefix.size()), '.');
  if (parts.size() != kFields) {
    return fail(ReceiptCodeError{ReceiptCodeErrc::NotAReceipt, "a receipt code has 6 fields after CR1."});
  }
  std::vector<std::vector<unsigned char>> bytes;
  for (auto part : parts) {
    auto decoded = canonical_field(part);
    if (!decoded) return fail(malformed("a field is not canonical base64url"));
    bytes.push_back(std::move(*decoded));
  }
  SignedFields fields;
  ReceiptCode code;
  if (bytes[0].size() != 16) return fail(malformed("record id is not 16 bytes"));
  fields.record_id = bytes[0];
  code.record_id = seal::to_hex(bytes[0]);
  if (bytes[1].empty() || bytes[1].size() > 128) return fail(malformed("kiosk id"));
  fields.kiosk_id.assign(bytes[1].begin(), bytes[1].end());
  code.kiosk_id = fields.kiosk_id;
  if (bytes[2].size() != kTimeBytes) return fail(malformed("time is not 6 bytes"));
  std::copy(bytes[2].begin(), bytes[2].end(), fields.time.begin());
  for (auto b : fields.time) code.time_ms = (code.time_ms << 8) | b;
  if (bytes[3].size() != 8) return fail(malformed("policy prefix is not 8 bytes"));
  std::copy(bytes[3].begin(), bytes[3].end(), fields.policy.begin());
  code.policy_prefix = fields.policy;
  const auto& packed = bytes[4];
  if (packed.size() < 2 || packed.size() != 2 + (packed[1] + 3u) / 4) return fail(malformed("decisions"));
  fields.decisions = packed;
  code.event_kind = packed[0] < std::size(kKinds) ? std::string(kKinds[packed[0]]) : "unknown";
  for (std::size_t i = 0; i < packed[1]; ++i) {
    const int shift = 6 - 2 * static_cast<int>(i % 4);
    code.decisions.push_back(static_cast<std::uint8_t>((packed[2 + i / 4] >> shift) & 3));
  }
  if (bytes[5].size() != code.signature.size()) return fail(malformed("signature is not 64 bytes"));
  std::copy(bytes[5].begin(), bytes[5].end(), code.signature.begin());
  return std::pair{std::move(code), std::move(fields)};
}

}  // namespace

std::string_view to_string(ReceiptCodeErrc code) {
  switch (code) {
    case ReceiptCodeErrc::NotAReceipt: return "not-a-receipt";
    case ReceiptCodeErrc::Malformed: return "receipt-malformed";
    case ReceiptCodeErrc::BadSignature: return "bad-signature";
  }
  return "receipt-error";
}

Expected<std::string, ReceiptCodeError> sign_receipt_code(const consent::ConsentRecord& record,
                                                          std::string_view kiosk_id,
                                                          const seal::SigningKeyPair& kiosk_key) {
  auto fields = fields_of(record, kiosk_id);
  if (!fields) return fail(fields.error());
  const seal::Signature signature = sign_fields(*fields, kiosk_key);
  std::string out(kReceiptCodePrefix);
  for (std::span<const unsigned char> part :
       {std::span<const unsigned char>(fields->record_id), seal::bytes_of(fields->kiosk_id),
        std::span<const unsigned char>(fields->time), std::span<const unsigned char>(fields->policy),
        std::span<const unsigned char>(fields->decisions)}) {
    out += seal::to_base64url(part);
    out += '.';
  }
  out += seal::to_base64url(signature);
  return out;
}

Expected<ReceiptCode, ReceiptCodeError> parse_receipt_code(std::string_view text) {
  auto parsed = parse_fields(text);
  if (!parsed) return fail(parsed.error());
  return std::move(parsed->first);
}

Expected<ReceiptCode, ReceiptCodeError> verify_receipt_code(std::string_view text,
                                                            const seal::SigningPublicKey& kiosk_key) {
  auto parsed = parse_fields(text);
  if (!parsed) return fail(parsed.error());
  if (!verify_fields(parsed->second, parsed->first.signature, kiosk_key)) {
    return fail(ReceiptCodeError{ReceiptCodeErrc::BadSignature, "the kiosk's key did not sign this receipt"});
  }
  return std::move(parsed->first);
}

bool code_matches_record(const ReceiptCode& code, const consent::ConsentRecord& record) {
  auto fields = fields_of(record, code.kiosk_id);
  if (!fields) return false;
  std::vector<std::uint8_t> decisions;
  for (const auto& decision : record.decisions) decisions.push_back(decision_bits(decision.decision));
  return code.record_id == record.id && fields->policy == code.policy_prefix &&
         time_bytes(code.time_ms) == fields->time && decisions == code.decisions &&
         code.event_kind == consent::to_string(record.kind);
}

std::string summary_json(const ReceiptCode& code) {
  nlohmann::json decisions = nlohmann::json::array();
  for (auto bits : code.decisions)
    decisions.push_back(bits == 0 ? "refused" : bits == 1 ? "granted" : "other");
  const nlohmann::json summary = {
      {"record_id", code.record_id},
      {"kiosk_id", code.kiosk_id},
      {"time",
       consent::format_utc(std::chrono::system_clock::time_point(std::chrono::milliseconds(code.time_ms)))},
      {"policy_prefix", seal::to_hex(code.policy_prefix)},
      {"kind", code.event_kind},
      {"decisions", decisions}};
  return summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kiosk::receipt
