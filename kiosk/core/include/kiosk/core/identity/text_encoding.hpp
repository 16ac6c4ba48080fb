#pragma once
// Card text arrives as bytes: ASCII on most cards, Latin-1 or UTF-8 where names carry accents
// (Quebec). Everything the kiosk shows is UTF-8.

#include <string>
#include <string_view>

namespace kiosk::identity {

bool is_valid_utf8(std::string_view bytes);

// Appends `bytes` to `out` as UTF-8: kept as they are when already valid UTF-8, otherwise read
// as Latin-1 (with Windows-1252's letters and quotes in 0x80-0x9F). Decomposed accents
// (E + U+0300) are composed (È) so that a screen font without combining marks shows them.
void append_as_utf8(std::string& out, std::string_view bytes);

// C0 controls (NUL, ..., 0x1F), DEL, and C1 controls (U+0080-U+009F) written as UTF-8.
bool has_control_characters(std::string_view text);

}  // namespace kiosk::identity
