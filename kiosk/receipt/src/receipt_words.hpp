#pragma once
// Every word the receipt prints lives in assets/strings/kiosk-text.toml under [receipt]; the
// receipt's code names them words::key. Private to kiosk/receipt.

#include "kiosk/text/kiosk_text.hpp"

namespace kiosk::receipt {
namespace words = ::kiosk::text::receipt;
}  // namespace kiosk::receipt
