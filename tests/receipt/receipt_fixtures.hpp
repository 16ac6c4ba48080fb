#pragma once
// A committed-looking record under the shipped consent model, for the receipt tests.

#include <string>

#include "kiosk/core/consent/consent_rules.hpp"
#include "kiosk/receipt/receipt.hpp"
#include "store_fixtures.hpp"

namespace receipt_fixtures {

using store_fixtures::shipped_model;

// Marketing analysis refused, third-party marketers granted, the rest at their defaults.
inline kiosk::consent::ConsentRecord record(kiosk::Language language, std::string associate = "") {
  using namespace kiosk::consent;
  const ConsentModel& model = shipped_model();
  SessionContext session{language, Channel::Kiosk, {std::move(associate)}};
  const std::vector<ItemDecision> changes = {{"marketing-analysis", Decision::Refused},
                                             {"share-third-party-marketers", Decision::Granted}};
  auto draft = record_choices(model, initial_state(model), changes, session);
  if (!draft) throw std::runtime_error("fixture record refused");
  ConsentRecord stamped = std::move(*draft);
  stamped.id = "0123456789abcdef0123456789abcdef";
  stamped.recorded_at = *parse_utc("2026-11-28T18:40:48.123Z");
  return stamped;
}

inline kiosk::receipt::Receipt receipt(kiosk::Language language, bool with_holder = true,
                                       std::string time_zone = "UTC") {
  kiosk::receipt::ReceiptSource source;
  source.time_zone = std::move(time_zone);
  source.kiosk_id = "store-12-kiosk-1";
  source.store_name = "Smart-Cell Yonge & Bloor";
  if (with_holder) source.holder = kiosk::receipt::ReceiptHolder{"Élodie", "…5117"};
  return kiosk::receipt::build_receipt(record(language), shipped_model(), source);
}

}  // namespace receipt_fixtures
