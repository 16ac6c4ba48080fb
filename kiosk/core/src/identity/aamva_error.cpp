#include "kiosk/core/identity/aamva_error.hpp"

#include "kiosk/text/kiosk_text.hpp"

namespace kiosk::identity {
namespace {
namespace words = ::kiosk::text::card_reading;
}  // namespace

std::string_view to_string(AamvaErrc code) {
  switch (code) {
    case AamvaErrc::Empty: return "empty";
    case AamvaErrc::NotAamva: return "not-aamva";
    case AamvaErrc::Truncated: return "truncated";
    case AamvaErrc::Oversized: return "oversized";
    case AamvaErrc::MissingSeparators: return "missing-separators";
    case AamvaErrc::NoIdentitySubfile: return "no-identity-subfile";
    case AamvaErrc::MissingDocumentNumber: return "missing-document-number";
    case AamvaErrc::MissingFamilyName: return "missing-family-name";
    case AamvaErrc::MissingBirthDate: return "missing-birth-date";
    case AamvaErrc::ImpossibleDate: return "impossible-date";
    case AamvaErrc::BirthDateInFuture: return "birth-date-in-future";
    case AamvaErrc::BirthDateTooOld: return "birth-date-too-old";
    case AamvaErrc::ControlCharacters: return "control-characters";
    case AamvaErrc::UnknownIssuer: return "unknown-issuer";
    case AamvaErrc::IssuerMismatch: return "issuer-mismatch";
    case AamvaErrc::DamagedBarcode: return "damaged-barcode";
  }
  return "unknown";
}

// Each message says what happened in words a client understands, then what to do: scan again
// when a better read can help, ask an associate when the card itself is the problem.
Bilingual message(AamvaErrc code) {
  switch (code) {
    case AamvaErrc::Empty: return words::empty;
    case AamvaErrc::NotAamva: return words::not_aamva;
    case AamvaErrc::Truncated: return words::truncated;
    case AamvaErrc::Oversized: return words::oversized;
    case AamvaErrc::MissingSeparators: return words::missing_separators;
    case AamvaErrc::NoIdentitySubfile: return words::no_identity_subfile;
    case AamvaErrc::MissingDocumentNumber: return words::missing_document_number;
    case AamvaErrc::MissingFamilyName: return words::missing_family_name;
    case AamvaErrc::MissingBirthDate: return words::missing_birth_date;
    case AamvaErrc::ImpossibleDate: return words::impossible_date;
    case AamvaErrc::BirthDateInFuture: return words::birth_date_in_future;
    case AamvaErrc::BirthDateTooOld: return words::birth_date_too_old;
    case AamvaErrc::ControlCharacters: return words::control_characters;
    case AamvaErrc::UnknownIssuer: return words::unknown_issuer;
    case AamvaErrc::IssuerMismatch: return words::issuer_mismatch;
    case AamvaErrc::DamagedBarcode: return words::damaged_barcode;
  }
  return words::unreadable_card;
}

}  // namespace kiosk::identity
