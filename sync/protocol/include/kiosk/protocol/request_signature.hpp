#pragma once
// Every kiosk request but enrollment and health is signed with the kiosk's enrolled key over the
// method, path and body hash (sync/PROTOCOL.md). Replays gain nothing: uploads are idempotent and
// a lookup answer is bound to the asker's nonce.

#include <string>
#include <string_view>

#include "kiosk/seal/keys.hpp"

namespace kiosk::protocol {

// The X-Kiosk-Signature header's value.
std::string sign_request(std::string_view method, std::string_view path, std::string_view body,
                         const seal::SigningKeyPair& kiosk);
bool request_signature_holds(std::string_view header_value, std::string_view method, std::string_view path,
                             std::string_view body, const seal::SigningPublicKey& kiosk);

}  // namespace kiosk::protocol
