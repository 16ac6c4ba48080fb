#pragma once
// Enrolling a kiosk with head office without ever sending the one-time token (sync/PROTOCOL.md):
// the kiosk proves it holds the token, bound to the TLS key it sees; head office proves the same
// in the grant it returns.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/protocol/messages.hpp"

namespace kiosk::protocol {

class EnrollmentToken {
 public:
  static constexpr std::size_t kBytes = 20;
  static EnrollmentToken generate();
  // Crockford base32; dashes, spaces and case ignored, I/L read as 1 and O as 0.
  static std::optional<EnrollmentToken> parse(std::string_view text);
  static EnrollmentToken from_secret(std::span<const unsigned char> secret);

  // "XXXX-XXXX-…": eight groups of four, what a tech reads and types.
  std::string text() const;
  // What head office files it under (hex, 16 characters): says nothing of the secret.
  std::string id() const;
  std::span<const unsigned char> secret() const { return secret_.bytes(); }

 private:
  seal::SecretKey<kBytes> secret_;
};

// SHA-256 of a certificate's SubjectPublicKeyInfo, the value libcurl pins.
using SpkiDigest = std::array<unsigned char, 32>;

seal::Hash32 enrollment_proof(const EnrollmentToken& token, std::string_view kiosk_id,
                              const seal::SigningPublicKey& kiosk_key, const SpkiDigest& server_key);

struct EnrollRequest {
  std::string kiosk_id;
  std::string token_id;
  seal::SigningPublicKey signing_public_key{};
  seal::Hash32 proof{};
};
std::string to_json(const EnrollRequest& request);
Parsed<EnrollRequest> parse_enroll_request(std::string_view body);

struct EnrollGrant {
  std::string kiosk_id;
  seal::SigningPublicKey head_office_signing_key{};
  std::vector<seal::HeadOfficeBoxKey> box_keys;  // newest last
  std::string certificate_pem;
  std::string issued_at;
};

// {"grant": "<JSON text>", "mac": hex}
std::string sealed_grant_body(const EnrollGrant& grant, const EnrollmentToken& token);

enum class GrantErrc { Malformed, BadMac };
std::string_view to_string(GrantErrc code);
Expected<EnrollGrant, GrantErrc> open_grant_body(std::string_view body, const EnrollmentToken& token);

}  // namespace kiosk::protocol
