#pragma once
// Head office's TLS identity: a self-signed certificate valid for the listen address (an IP SAN
// for an address, a DNS SAN for a name). Kiosks trust it as their only CA and pin its public key.

#include <string>
#include <string_view>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/hq/hq_error.hpp"

namespace kiosk::hq {

struct TlsCertificate {
  std::string certificate_pem;
  std::string private_key_pem;  // secret
};

// ECDSA P-256, valid from an hour before `clock.now()` (clock skew) for ten years: kiosks pin it,
// so renewing it means re-enrolling them.
Expected<TlsCertificate, HqError> make_self_signed_certificate(std::string_view host, bool host_is_ip,
                                                               const Clock& clock);

}  // namespace kiosk::hq
