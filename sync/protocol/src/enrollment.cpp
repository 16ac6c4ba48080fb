#include "kiosk/protocol/enrollment.hpp"

#include <sodium.h>

#include <cstring>

#include "json_reading.hpp"

namespace kiosk::protocol {

using namespace detail;

namespace {

// Crockford's base32: no I, L, O or U, so a tech cannot misread 1 for I or 0 for O.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::string_view kProofDomain = "enroll-proof/1";
constexpr std::string_view kGrantDomain = "enroll-grant/1";

int symbol_value(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 'I' || c == 'L') return 1;
  if (c == 'O') return 0;
  const auto at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

}  // namespace

EnrollmentToken EnrollmentToken::generate() {
  EnrollmentToken token;
  randombytes_buf(token.secret_.data(), kBytes);
  return token;
}

EnrollmentToken EnrollmentToken::from_secret(std::span<const unsigned char> secret) {
  EnrollmentToken token;
  std::memcpy(token.secret_.data(), secret.data(), std::min(secret.size(), kBytes));
  return token;
}

std::optional<EnrollmentToken> EnrollmentToken::parse(std::string_view text) {
  EnrollmentToken token;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t written = 0;
  for (char c : text) {
    if (c == '-' || c == ' ') continue;
    const int value = symbol_value(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      if (written == kBytes) return std::nullopt;
      bits -= 8;
      token.secret_.data()[written++] = static_cast<unsigned char>(buffer >> bits);
      buffer &= (1u << bits) - 1;
    }
  }
  if (written != kBytes || bits != 0) return std::nullopt;
  return token;
}

std::string EnrollmentToken::text() const {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  int symbols = 0;
  for (std::size_t i = 0; i < kBytes; ++i) {
    buffer = (buffer << 8) | secret_.data()[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      if (symbols > 0 && symbols % 4 == 0) out.push_back('-');
      out.push_back(kAlphabet[(buffer >> bits) & 31]);
      ++symbols;
    }
    buffer &= (1u << bits) - 1;
  }
  return out;
}

std::string EnrollmentToken::id() const {
  const seal::Hash32 hash = seal::hash_parts("enroll-token-id/1", {secret()});
  return seal::to_hex(std::span(hash.data(), 8));
}

seal::Hash32 enrollment_proof(const EnrollmentToken& token, std::string_view kiosk_id,
                              const seal::SigningPublicKey& kiosk_key, const SpkiDigest& server_key) {
  return seal::hash_parts(kProofDomain, {seal::bytes_of(kiosk_id), kiosk_key, server_key}, token.secret());
}

std::string to_json(const EnrollRequest& request) {
  return dump({{"kiosk_id", request.kiosk_id},
               {"token_id", request.token_id},
               {"signing_public_key", seal::to_hex(request.signing_public_key)},
               {"proof", seal::to_hex(request.proof)}});
}

Parsed<EnrollRequest> parse_enroll_request(std::string_view body) {
  return parse_json<EnrollRequest>(body, [](const json& root) {
    EnrollRequest request{need_string(root, "kiosk_id"), need_string(root, "token_id"),
                          need_hex<32>(root, "signing_public_key"), need_hex<32>(root, "proof")};
    if (request.kiosk_id.empty() || request.kiosk_id.size() > 128)
      throw Invalid{ParseErrc::BadValue, "kiosk_id"};
    return request;
  });
}

std::string sealed_grant_body(const EnrollGrant& grant, const EnrollmentToken& token) {
  json keys = json::array();
  for (const auto& key : grant.box_keys) {
    keys.push_back({{"id", seal::to_hex(key.id)}, {"public", seal::to_hex(key.public_key)}});
  }
  const std::string text = dump({{"kiosk_id", grant.kiosk_id},
                                 {"hq_signing_public_key", seal::to_hex(grant.head_office_signing_key)},
                                 {"box_keys", std::move(keys)},
                                 {"certificate_pem", grant.certificate_pem},
                                 {"issued_at", grant.issued_at}});
  const seal::Hash32 mac = seal::hash_parts(kGrantDomain, {seal::bytes_of(text)}, token.secret());
  return dump({{"grant", text}, {"mac", seal::to_hex(mac)}});
}

std::string_view to_string(GrantErrc code) {
  return code == GrantErrc::BadMac ? "grant-bad-mac" : "grant-malformed";
}

Expected<EnrollGrant, GrantErrc> open_grant_body(std::string_view body, const EnrollmentToken& token) {
  struct Outer {
    std::string text;
    seal::Hash32 mac;
  };
  auto outer = parse_json<Outer>(body, [](const json& root) {
    return Outer{need_string(root, "grant"), need_hex<32>(root, "mac")};
  });
  if (!outer) return fail(GrantErrc::Malformed);
  const seal::Hash32 expected = seal::hash_parts(kGrantDomain, {seal::bytes_of(outer->text)}, token.secret());
  if (!seal::equal_secret(expected, outer->mac)) return fail(GrantErrc::BadMac);
  auto grant = parse_json<EnrollGrant>(outer->text, [](const json& root) {
    EnrollGrant out;
    out.kiosk_id = need_string(root, "kiosk_id");
    out.head_office_signing_key = need_hex<32>(root, "hq_signing_public_key");
    const json& keys = need(root, "box_keys");
    if (!keys.is_array() || keys.empty()) throw Invalid{ParseErrc::BadValue, "box_keys"};
    for (const json& key : keys) {
      seal::HeadOfficeBoxKey entry{need_hex<8>(key, "id"), need_hex<32>(key, "public")};
      if (seal::key_id_of(entry.public_key) != entry.id) throw Invalid{ParseErrc::BadValue, "box_keys"};
      out.box_keys.push_back(entry);
    }
    out.certificate_pem = need_string(root, "certificate_pem");
    out.issued_at = need_string(root, "issued_at");
    return out;
  });
  if (!grant) return fail(GrantErrc::Malformed);
  return std::move(*grant);
}

}  // namespace kiosk::protocol
