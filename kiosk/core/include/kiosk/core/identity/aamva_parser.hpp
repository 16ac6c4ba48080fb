#pragma once
// Reads the PDF417 payload on the back of a North American driver's licence or ID card (AAMVA
// DL/ID card design standard, versions 00 to 10 and later) into an IdDocument.
//
// It accepts what real cards and scanners produce, not only what the standard says: wrong or
// zero subfile offsets, file types other than "ANSI ", keyboard-wedge scanners that drop,
// replace or double the control characters, padding, placeholders, Latin-1 names, either date
// order. It refuses, with a code and a message, what cannot be trusted: truncated or oversized
// payloads, missing or impossible identity fields, control bytes inside them.

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
