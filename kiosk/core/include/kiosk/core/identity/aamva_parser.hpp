#pragma once
// Reads the PDF417 payload on the back of a North American driver's licence or ID card (AAMVA
// DL/ID card design standard, versions 00 to 10 and later) into an IdDocument.
//
// It accepts what real cards and scanners produce, not only what the standard says:
// - headers: wrong or zero subfile offsets, offsets in letters, file types other than "ANSI ",
//   lengths and entry counts that lie, a DL subfile listed but written without its "DL", a line
//   break between a subfile's type and its first element;
// - keyboard-wedge scanners that drop, replace (by one printable byte such as '|', also with
//   jurisdiction Z elements present) or double the control characters, that type with Caps Lock
//   on, or that wrap each control character in stray UTF-8 C1 bytes (C2 90);
// - payloads that end early: without their final terminator, up to 12 bytes short of the declared
//   length when every field the kiosk checks is there, or cut inside a jurisdiction's Z subfile
//   after a whole identity subfile (the Z subfile's last, possibly cut, element is dropped);
// - names: the version 01 full name DAA as FAMILY,GIVEN,MIDDLE,SUFFIX or written given names first
//   with no commas; a suffix (JR, III, 2ND) is kept apart, never among the given names;
// - padding, placeholders, Latin-1 or UTF-8 names, either date order.
//
// It refuses, with a code and a message that says what is true, what cannot be trusted:
// truncated or oversized payloads, a damaged header or subfile table in front of a licence's data
// (damaged-barcode: the client is sent to an associate, not told to scan again), missing or
// impossible identity fields, control bytes inside them. Two refusals stay on purpose although
// some real cards meet them:
// - a document number that is a placeholder ("NONE", all zeros) is missing-document-number: the
//   kiosk keys a client's consent history on the issuer and number, and a shared placeholder
//   would merge strangers' histories;
// - a payload from which a wedge stripped every control character is missing-separators: with no
//   boundaries left, "DCSSMITHDACJOHN" could split in more than one way, and a guessed name or
//   number is worse than a refusal.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

#include "kiosk/core/expected.hpp"
#include "kiosk/core/identity/aamva_error.hpp"
#include "kiosk/core/identity/id_document.hpp"

namespace kiosk::identity {

// The largest PDF417 symbol carries 1,850 text characters or 1,108 bytes, and the AAMVA
// standard puts the whole card in one symbol. 8 KiB is over four times that, room enough for a
// wedge scanner's CR->CRLF doubling, a prefix and trailing junk, while a hostile or runaway
// input (a stuck scanner, a wrong file) is refused before any work is done on it.
inline constexpr std::size_t kMaxAamvaPayloadBytes = 8 * 1024;

// `today` decides `expired`, `age` and whether the birth date is plausible.
Expected<IdDocument, AamvaError> parse_aamva(std::span<const std::uint8_t> payload,
                                             std::chrono::year_month_day today);

}  // namespace kiosk::identity
