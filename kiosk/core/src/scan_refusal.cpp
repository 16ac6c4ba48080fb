#include "kiosk/core/identity/aamva_error.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/text/kiosk_text.hpp"

namespace kiosk {

Bilingual ScanRefusal::message() const {
  switch (reason) {
    case Reason::Unreadable: return identity::message(unreadable_code);
    case Reason::Expired: return text::scan_refusal::expired;
    case Reason::UnderAge: return text::scan_refusal::under_age;
  }
  return {};
}

std::string_view ScanRefusal::code() const {
  switch (reason) {
    case Reason::Unreadable: return identity::to_string(unreadable_code);
    case Reason::Expired: return "expired";
    case Reason::UnderAge: return "under-age";
  }
  return "unknown";
}

}  // namespace kiosk
