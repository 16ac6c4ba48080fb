#include <catch2/catch.hpp>

#include "kiosk/core/consent/consent_record.hpp"

using namespace kiosk::consent;
using namespace std::chrono;

namespace {
ConsentRecord sample() {
  ConsentRecord record;
  record.id = "0123456789abcdef0123456789abcdef";
  record.recorded_at =
      sys_days{year{2026} / 11 / 28} + hours{18} + minutes{40} + seconds{48} + milliseconds{123};
  record.kind = EventKind::AgentDesignation;
  record.policy_version = std::string(64, 'a');
  record.decisions = {{"marketing-analysis", Decision::Refused},
                      {"share-authorized-agent", Decision::Granted}};
  record.session = {kiosk::Language::French, Channel::Kiosk, {"assoc-7"}};
  record.agent = AgentAuthority{AuthorityDocument::CourtOrder, true, "assoc-7"};
  return record;
}
}  // namespace

TEST_CASE("times are written as UTC ISO 8601 with milliseconds and read back") {
  const auto time = sample().recorded_at;
  CHECK(format_utc(time) == "2026-11-28T18:40:48.123Z");
  CHECK(parse_utc("2026-11-28T18:40:48.123Z") == time);
  CHECK_FALSE(parse_utc("2026-13-28T18:40:48.123Z").has_value());
  CHECK_FALSE(parse_utc("2026-11-28 18:40:48").has_value());
  // A tampered year outside what the clock can hold is refused, not overflowed.
  CHECK_FALSE(parse_utc("1026-11-28T18:40:48.123Z").has_value());
}

TEST_CASE("the ledger form round-trips and holds no identity") {
  const ConsentRecord record = sample();
  const std::string json = to_ledger_json(record);
  CHECK(json.find("\"kind\":\"agent-designation\"") != std::string::npos);
  auto back = parse_ledger_json(json);
  REQUIRE(back.has_value());
  CHECK(back->id == record.id);
  CHECK(back->recorded_at == record.recorded_at);
  CHECK(back->decisions == record.decisions);
  CHECK(back->session.language == kiosk::Language::French);
  CHECK(back->session.presence.associate_id == "assoc-7");
  REQUIRE(back->agent.has_value());
  CHECK(back->agent->document == AuthorityDocument::CourtOrder);
  // Same record, same bytes: the ledger hashes this text.
  CHECK(to_ledger_json(*back) == json);
  CHECK_FALSE(parse_ledger_json(R"({"id":"x"})").has_value());
  CHECK(parse_ledger_json("{").error().code == RecordErrc::Malformed);
}

TEST_CASE("the envelope form carries the identity and the agent for head office") {
  EnvelopePayload payload{"kiosk-9",
                          sample(),
                          {"QC", "T1234-567", "CÔTÉ", "ÉMILIE ANNE", "1961-07-23"},
                          AgentIdentity{"ROY", "LUC", "ON", "R999"}};
  auto back = parse_envelope_json(to_envelope_json(payload));
  REQUIRE(back.has_value());
  CHECK(back->kiosk_id == "kiosk-9");
  CHECK(back->client.family_name == "CÔTÉ");
  CHECK(back->client.date_of_birth == "1961-07-23");
  CHECK(back->record.id == payload.record.id);
  REQUIRE(back->agent.has_value());
  CHECK(back->agent->id_number == "R999");
}

TEST_CASE("an access request keeps how its answer is delivered, and older records without it still read") {
  ConsentRecord record = sample();
  record.kind = EventKind::AccessRequest;
  record.decisions.clear();
  const std::string without = to_ledger_json(record);
  CHECK(without.find("delivery") == std::string::npos);  // same bytes as before the field existed
  auto old = parse_ledger_json(without);
  REQUIRE(old.has_value());
  CHECK_FALSE(old->delivery.has_value());

  record.delivery = AnswerDelivery::InStore;
  const std::string with = to_ledger_json(record);
  CHECK(with.find("\"delivery\":\"in-store\"") != std::string::npos);
  auto back = parse_ledger_json(with);
  REQUIRE(back.has_value());
  CHECK(back->delivery == AnswerDelivery::InStore);
  CHECK(to_ledger_json(*back) == with);

  auto sealed = parse_envelope_json(to_envelope_json(
      {"kiosk-9", record, {"QC", "T1234-567", "CÔTÉ", "ÉMILIE", "1961-07-23"}, std::nullopt}));
  REQUIRE(sealed.has_value());
  CHECK(sealed->record.delivery == AnswerDelivery::InStore);

  std::string unknown = with;
  unknown.replace(unknown.find("in-store"), 8, "carrier-pigeon");
  CHECK(parse_ledger_json(unknown).error().code == RecordErrc::UnknownValue);
  for (auto delivery : {AnswerDelivery::Mail, AnswerDelivery::Email, AnswerDelivery::InStore})
    CHECK(answer_delivery_from_string(to_string(delivery)) == delivery);
}
