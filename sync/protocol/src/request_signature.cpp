#include "kiosk/protocol/request_signature.hpp"

#include "kiosk/seal/signature.hpp"

namespace kiosk::protocol {
namespace {

constexpr std::string_view kRequestDomain = "kiosk-request/1";

}  // namespace

std::string sign_request(std::string_view method, std::string_view path, std::string_view body,
                         const seal::SigningKeyPair& kiosk) {
  const seal::Hash32 body_hash = seal::hash_parts("kiosk-request-body/1", {seal::bytes_of(body)});
  return seal::to_base64url(
      seal::sign_parts(kRequestDomain, {seal::bytes_of(method), seal::bytes_of(path), body_hash}, kiosk));
}

bool request_signature_holds(std::string_view header_value, std::string_view method, std::string_view path,
                             std::string_view body, const seal::SigningPublicKey& kiosk) {
  auto signature = seal::from_base64url(header_value);
  if (!signature) return false;
  const seal::Hash32 body_hash = seal::hash_parts("kiosk-request-body/1", {seal::bytes_of(body)});
  return seal::verify_parts(kRequestDomain, {seal::bytes_of(method), seal::bytes_of(path), body_hash},
                            *signature, kiosk);
}

}  // namespace kiosk::protocol
