#pragma once
// The JSON line `kioskctl parse` prints for one payload (DESIGN.md "Contracts"); `kioskctl scan`
// prints the same line for each decoded image.

#include <cstdint>
#include <span>

#include "ctl_command.hpp"

namespace kiosk::ctl {

// Parses `payload` as an AAMVA barcode as of the context clock's today and prints one JSON line:
// {"ok":true,"document":{...}} and returns Ok, or {"ok":false,"error":{"code","message",
// "message_fr"}} and returns BadInput. Absent fields are left out, never empty strings.
ExitCode print_parse_result(CtlContext& context, std::span<const std::uint8_t> payload);

}  // namespace kiosk::ctl
