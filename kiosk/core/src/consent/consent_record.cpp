#include "kiosk/core/consent/consent_record.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace kiosk::consent {
namespace {

using nlohmann::json;

template <class Enum, std::size_t N>
std::optional<Enum> from_names(std::string_view text, const std::array<Enum, N>& values) {
  for (Enum value : values) {
    if (to_string(value) == text) return value;
  }
  return std::nullopt;
}

struct Invalid {
  std::string what;
};

// Reads a required string; throws Invalid, caught once at the parser's edge.
std::string need_string(const json& node, const char* key) {
  auto it = node.find(key);
  if (it == node.end() || !it->is_string()) throw Invalid{key};
  return it->get<std::string>();
}

template <class Enum>
Enum need_enum(const json& node, const char* key, std::optional<Enum> (*from)(std::string_view)) {
  auto value = from(need_string(node, key));
  if (!value) throw Invalid{key};
  return *value;
}

json record_to_json(const ConsentRecord& record) {
  json decisions = json::array();
  for (const auto& d : record.decisions)
    decisions.push_back({{"item", d.item_id}, {"decision", to_string(d.decision)}});
  json out = {{"id", record.id},
              {"time", format_utc(record.recorded_at)},
              {"kind", to_string(record.kind)},
              {"policy_version", record.policy_version},
              {"decisions", decisions},
              {"language", language_code(record.session.language)},
              {"channel", to_string(record.session.channel)},
              {"assisted_by", record.session.presence.associate_id}};
  if (record.agent) {
    out["agent"] = {{"document", to_string(record.agent->document)},
                    {"identity_checked", record.agent->identity_checked},
                    {"checked_by", record.agent->checked_by}};
  }
  // Only when set, so that a record without it keeps the bytes (and the hash) it always had.
  if (record.delivery) out["delivery"] = to_string(*record.delivery);
  return out;
}

ConsentRecord record_from_json(const json& node) {
  if (!node.is_object()) throw Invalid{"record"};
  ConsentRecord record;
  record.id = need_string(node, "id");
  auto time = parse_utc(need_string(node, "time"));
  if (!time) throw Invalid{"time"};
  record.recorded_at = *time;
  record.kind = need_enum(node, "kind", &event_kind_from_string);
  record.policy_version = need_string(node, "policy_version");
  auto decisions = node.find("decisions");
  if (decisions == node.end() || !decisions->is_array()) throw Invalid{"decisions"};
  for (const auto& d : *decisions) {
    if (!d.is_object()) throw Invalid{"decisions"};
    record.decisions.push_back({need_string(d, "item"), need_enum(d, "decision", &decision_from_string)});
  }
  record.session.language = need_enum(node, "language", &language_from_code);
  record.session.channel = need_enum(node, "channel", &channel_from_string);
  record.session.presence.associate_id = need_string(node, "assisted_by");
  if (auto agent = node.find("agent"); agent != node.end()) {
    AgentAuthority authority;
    authority.document = need_enum(*agent, "document", &authority_document_from_string);
    auto checked = agent->find("identity_checked");
    if (checked == agent->end() || !checked->is_boolean()) throw Invalid{"agent.identity_checked"};
    authority.identity_checked = checked->get<bool>();
    authority.checked_by = need_string(*agent, "checked_by");
    record.agent = authority;
  }
  if (node.contains("delivery")) record.delivery = need_enum(node, "delivery", &answer_delivery_from_string);
  return record;
}

template <class T>
Expected<T, RecordError> parse_with(std::string_view text, T (*read)(const json&)) {
  const json root = json::parse(text, nullptr, false);
  if (root.is_discarded()) return fail(RecordError{RecordErrc::Malformed, "not JSON"});
  try {
    return read(root);
  } catch (const Invalid& invalid) {
    return fail(RecordError{RecordErrc::UnknownValue, "missing or invalid: " + invalid.what});
  } catch (const json::exception& e) {
    return fail(RecordError{RecordErrc::Malformed, e.what()});
  }
}

bool read_int(std::string_view text, int& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

}  // namespace

std::string_view to_string(Decision decision) {
  switch (decision) {
    case Decision::Granted: return "granted";
    case Decision::Refused: return "refused";
    case Decision::Acknowledged: return "acknowledged";
  }
  return "unknown";
}

std::string_view to_string(EventKind kind) {
  switch (kind) {
    case EventKind::Choices: return "choices";
    case EventKind::Withdrawal: return "withdrawal";
    case EventKind::AccessRequest: return "access-request";
    case EventKind::AgentDesignation: return "agent-designation";
    case EventKind::CarriedForward: return "carried-forward";
  }
  return "unknown";
}

std::string_view to_string(Channel channel) {
  return channel == Channel::Kiosk ? "kiosk" : "tech-tool";
}

std::string_view to_string(AuthorityDocument document) {
  switch (document) {
    case AuthorityDocument::PowerOfAttorney: return "power-of-attorney";
    case AuthorityDocument::CourtOrder: return "court-order";
    case AuthorityDocument::ParentOfMinor: return "parent-of-minor";
    case AuthorityDocument::EstateRepresentative: return "estate-representative";
  }
  return "unknown";
}

std::string_view to_string(AnswerDelivery delivery) {
  switch (delivery) {
    case AnswerDelivery::Mail: return "mail";
    case AnswerDelivery::Email: return "email";
    case AnswerDelivery::InStore: return "in-store";
  }
  return "unknown";
}

std::optional<Decision> decision_from_string(std::string_view text) {
  return from_names(text, std::array{Decision::Granted, Decision::Refused, Decision::Acknowledged});
}
std::optional<EventKind> event_kind_from_string(std::string_view text) {
  return from_names(text, std::array{EventKind::Choices, EventKind::Withdrawal, EventKind::AccessRequest,
                                     EventKind::AgentDesignation, EventKind::CarriedForward});
}
std::optional<Channel> channel_from_string(std::string_view text) {
  return from_names(text, std::array{Channel::Kiosk, Channel::TechTool});
}
std::optional<AuthorityDocument> authority_document_from_string(std::string_view text) {
  return from_names(text,
                    std::array{AuthorityDocument::PowerOfAttorney, AuthorityDocument::CourtOrder,
                               AuthorityDocument::ParentOfMinor, AuthorityDocument::EstateRepresentative});
}

std::optional<AnswerDelivery> answer_delivery_from_string(std::string_view text) {
  return from_names(text, std::array{AnswerDelivery::Mail, AnswerDelivery::Email, AnswerDelivery::InStore});
}

std::string format_utc(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(time);
  const auto day = floor<days>(ms);
  const year_month_day date{day};
  const hh_mm_ss clock{ms - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()), static_cast<int>(clock.subseconds().count()));
  return text;
}

std::optional<std::chrono::system_clock::time_point> parse_utc(std::string_view text) {
  using namespace std::chrono;
  // Exactly the shape format_utc writes.
  if (text.size() != 24 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != '.' || text[23] != 'Z') {
    return std::nullopt;
  }
  int y, mo, d, h, mi, s, milli;
  if (!read_int(text.substr(0, 4), y) || !read_int(text.substr(5, 2), mo) ||
      !read_int(text.substr(8, 2), d) || !read_int(text.substr(11, 2), h) ||
      !read_int(text.substr(14, 2), mi) || !read_int(text.substr(17, 2), s) ||
      !read_int(text.substr(20, 3), milli)) {
    return std::nullopt;
  }
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  // system_clock counts nanoseconds in 64 bits: 1678-2261 only. Records are from this era.
  if (!date.ok() || y < 1970 || y > 2200 || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return sys_days{date} + hours{h} + minutes{mi} + seconds{s} + milliseconds{milli};
}

std::string to_ledger_json(const ConsentRecord& record) {
  return record_to_json(record).dump();
}

Expected<ConsentRecord, RecordError> parse_ledger_json(std::string_view text) {
  return parse_with<ConsentRecord>(text, &record_from_json);
}

std::string to_envelope_json(const EnvelopePayload& payload) {
  json out = {{"format", 1},
              {"kiosk_id", payload.kiosk_id},
              {"record", record_to_json(payload.record)},
              {"client",
               {{"issuer", payload.client.issuer},
                {"document_number", payload.client.document_number},
                {"family_name", payload.client.family_name},
                {"given_names", payload.client.given_names},
                {"date_of_birth", payload.client.date_of_birth}}}};
  if (payload.agent) {
    out["agent_identity"] = {{"family_name", payload.agent->family_name},
                             {"given_names", payload.agent->given_names},
                             {"id_issuer", payload.agent->id_issuer},
                             {"id_number", payload.agent->id_number}};
  }
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Expected<EnvelopePayload, RecordError> parse_envelope_json(std::string_view text) {
  return parse_with<EnvelopePayload>(text, [](const json& root) {
    if (!root.is_object() || root.value("format", 0) != 1) throw Invalid{"format"};
    EnvelopePayload payload;
    payload.kiosk_id = need_string(root, "kiosk_id");
    payload.record = record_from_json(root.at("record"));
    const json& client = root.at("client");
    payload.client = {need_string(client, "issuer"), need_string(client, "document_number"),
                      need_string(client, "family_name"), need_string(client, "given_names"),
                      need_string(client, "date_of_birth")};
    if (auto agent = root.find("agent_identity"); agent != root.end()) {
      payload.agent = AgentIdentity{need_string(*agent, "family_name"), need_string(*agent, "given_names"),
                                    need_string(*agent, "id_issuer"), need_string(*agent, "id_number")};
    }
    return payload;
  });
}

}  // namespace kiosk::consent
