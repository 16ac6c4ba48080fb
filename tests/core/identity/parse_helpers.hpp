#pragma once
// Shared by the identity tests: a fixed "today", a one-call parse of a built payload, and the
// check that a payload reads as the same holder as a clean card. Catch2 must be included first.

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

// `payload` must give the same holder as the clean card: every field a client is identified by.
inline void check_same_holder(const std::string& payload,
                              const AamvaPayloadBuilder& clean = canadian_card()) {
  const auto expected = parse(clean);
  REQUIRE(outcome(expected) == "accepted");
  const auto doc = parse(payload);
  REQUIRE(outcome(doc) == "accepted");
  CHECK(doc->issuer == expected->issuer);
  CHECK(doc->kind == expected->kind);
  CHECK(doc->family_name == expected->family_name);
  CHECK(doc->given_names == expected->given_names);
  CHECK(doc->document_number == expected->document_number);
  CHECK(doc->date_of_birth == expected->date_of_birth);
  CHECK(doc->expiry_date == expected->expiry_date);
  CHECK(doc->issue_date == expected->issue_date);
  CHECK(doc->aamva_version == expected->aamva_version);
}

}  // namespace kiosk::testing
