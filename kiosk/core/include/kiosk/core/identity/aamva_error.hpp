#pragma once
// Why a barcode could not be read as an identity document: a stable code for programs, and a
// message in English and French that tells the client what to do next.

#include <string>
#include <string_view>

#include "kiosk/core/language.hpp"

namespace kiosk::identity {

enum class AamvaErrc {
  Empty,                  // no bytes at all
  NotAamva,               // some other barcode: a URL, a product code, noise
  Truncated,              // an AAMVA payload that stops before its declared end
  Oversized,              // far more bytes than any ID card barcode holds
  MissingSeparators,      // the scanner removed the separators between elements
  NoIdentitySubfile,      // an AAMVA document that is no licence or ID card (no DL or ID subfile)
  MissingDocumentNumber,  // DAQ absent or a placeholder
  MissingFamilyName,      // DCS (or DAB, DAA) absent or a placeholder
  MissingBirthDate,       // DBB absent or a placeholder
  ImpossibleDate,         // a date that is not a calendar date in either field order
  BirthDateInFuture,
  BirthDateTooOld,    // more than 120 years before today
  ControlCharacters,  // NUL or another control byte inside a field the kiosk uses
  UnknownIssuer,      // neither the IIN nor the jurisdiction code names a known issuer
  IssuerMismatch,     // the IIN's country contradicts the card's country or jurisdiction
  DamagedBarcode,     // a licence or ID card's data, but its header or subfile table is unreadable
};

// Stable, kebab-case: "not-aamva", "truncated", ... Scripts and the contract rely on these.
std::string_view to_string(AamvaErrc code);

// What the client should do, in both languages.
Bilingual message(AamvaErrc code);

struct AamvaError {
  AamvaErrc code;
  // For technicians and tests. Never holds personal data: only element ids, sizes and positions.
  std::string detail;
};

}  // namespace kiosk::identity
