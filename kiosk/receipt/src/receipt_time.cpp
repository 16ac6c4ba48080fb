#include "kiosk/receipt/receipt_time.hpp"

#include <date/tz.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace kiosk::receipt {
namespace {

// date::locate_zone reads /usr/share/zoneinfo (Debian's tzdata) and throws for a name it lacks;
// this is the one place that may throw, so nothing above it needs to know.
const date::time_zone* find_zone(std::string_view zone) noexcept {
  if (zone.empty()) return nullptr;
  try {
    return date::locate_zone(std::string(zone));
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::string offset_text(std::chrono::seconds offset) {
  const long long total = offset.count();
  const long long minutes = std::llabs(total) / 60;
  char text[32];
  std::snprintf(text, sizeof text, "UTC%c%02lld:%02lld", total < 0 ? '-' : '+', minutes / 60, minutes % 60);
  return text;
}

}  // namespace

bool is_known_time_zone(std::string_view zone) {
  return zone == "UTC" || find_zone(zone) != nullptr;
}

std::string format_local_time(std::chrono::system_clock::time_point when, std::string_view zone) {
  const auto seconds = date::floor<std::chrono::seconds>(when);
  const date::time_zone* found = zone == "UTC" ? nullptr : find_zone(zone);
  if (found == nullptr) return date::format("%Y-%m-%d %H:%M:%S UTC", seconds);
  try {
    const date::sys_info info = found->get_info(seconds);
    const auto local = date::local_seconds{(seconds + info.offset).time_since_epoch()};
    return date::format("%Y-%m-%d %H:%M:%S ", local) + info.abbrev + " (" + offset_text(info.offset) + ")";
  } catch (const std::exception&) {
    return date::format("%Y-%m-%d %H:%M:%S UTC", seconds);
  }
}

}  // namespace kiosk::receipt
