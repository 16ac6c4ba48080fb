#pragma once
// Shared by the identity tests: a fixed "today" and a one-call parse of a built payload.

#include <chrono>
#include <string>

#include "aamva_payload_builder.hpp"
#include "kiosk/core/identity/aamva_parser.hpp"

namespace kiosk::testing {

inline constexpr std::chrono::year_month_day kToday{std::chrono::year{2026}, std::chrono::month{11},
                                                    std::chrono::day{28}};

constexpr std::chrono::year_month_day ymd(int y, unsigned m, unsigned d) {
  return {std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

inline Expected<identity::IdDocument, identity::AamvaError> parse(
    const std::string& payload, std::chrono::year_month_day today = kToday) {
  const auto bytes = as_bytes(payload);
  return identity::parse_aamva(bytes, today);
}

inline Expected<identity::IdDocument, identity::AamvaError> parse(
    const AamvaPayloadBuilder& card, std::chrono::year_month_day today = kToday) {
  return parse(card.build(), today);
}

// The error code of a rejected payload, or "accepted": reads well in a CHECK.
inline std::string outcome(const Expected<identity::IdDocument, identity::AamvaError>& result) {
  return result ? std::string("accepted") : std::string(identity::to_string(result.error().code));
}

}  // namespace kiosk::testing
