#pragma once
// The store's wall-clock time for a client's paper. Records and the signed code keep UTC; a client
// in Montréal reads 11:10, not 16:10, and the zone says which clock that was.

#include <chrono>
#include <string>
#include <string_view>

namespace kiosk::receipt {

// An IANA zone name ("America/Toronto") the system's time zone database knows, or "UTC".
bool is_known_time_zone(std::string_view zone);

// "2026-12-07 11:10:33 EST (UTC-05:00)": the zone's abbreviation and its offset at that instant,
// so a daylight-saving change reads right. ASCII only, for every printer code page. An unknown
// zone falls back to UTC, which is still the truth, only less convenient.
std::string format_local_time(std::chrono::system_clock::time_point when, std::string_view zone);

}  // namespace kiosk::receipt
