#pragma once
// One consent event as the kiosk records it. A ConsentRecord holds nothing that identifies the
// client: the identity travels beside it (ClientIdentity) and only ever leaves the process sealed.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/core/language.hpp"
#include "kiosk/core/sensitive.hpp"

namespace kiosk::consent {

// Acknowledged is the only answer to a notice (an item that needs no consent): the client was
// shown it, and nothing was agreed to.
enum class Decision { Granted, Refused, Acknowledged };

enum class EventKind {
  Choices,           // the client set or changed their choices
  Withdrawal,        // the client withdrew every consent they may withdraw, in one touch
  AccessRequest,     // the client (or their agent) asks for their information: head office answers
  AgentDesignation,  // an associate checked an agent's identity and authority document
  CarriedForward,    // retention restated a client's state before older history was pruned
};

enum class Channel {
  Kiosk,     // the in-store touchscreen
  TechTool,  // kioskctl (demo data, tests)
};

// The kind of document that gives an agent authority to act for the client.
enum class AuthorityDocument { PowerOfAttorney, CourtOrder, ParentOfMinor, EstateRepresentative };

// How the answer to an access request reaches whoever asked: to the contact details head office
// holds on file, never to an address typed at the kiosk.
enum class AnswerDelivery { Mail, Email, InStore };

std::string_view to_string(Decision decision);
std::string_view to_string(EventKind kind);
std::string_view to_string(Channel channel);
std::string_view to_string(AuthorityDocument document);
std::string_view to_string(AnswerDelivery delivery);
std::optional<Decision> decision_from_string(std::string_view text);
std::optional<EventKind> event_kind_from_string(std::string_view text);
std::optional<Channel> channel_from_string(std::string_view text);
std::optional<AuthorityDocument> authority_document_from_string(std::string_view text);
std::optional<AnswerDelivery> answer_delivery_from_string(std::string_view text);

// Who the client is, read from their ID. Never written to the kiosk's disk in clear, and
// wiped from memory when dropped.
struct ClientIdentity {
  SensitiveText issuer;  // province or state code, e.g. "ON"
  SensitiveText document_number;
  SensitiveText family_name;
  SensitiveText given_names;
  SensitiveText date_of_birth;  // ISO 8601, YYYY-MM-DD
};

// The agent as checked by the associate: travels only inside the sealed envelope.
struct AgentIdentity {
  SensitiveText family_name;
  SensitiveText given_names;
  SensitiveText id_issuer;
  SensitiveText id_number;
};

// What the kiosk may keep about an agent: the authority, not the person.
struct AgentAuthority {
  AuthorityDocument document = AuthorityDocument::PowerOfAttorney;
  bool identity_checked = false;
  std::string checked_by;  // the associate's staff id
};

struct ItemDecision {
  std::string item_id;
  Decision decision = Decision::Refused;
  bool operator==(const ItemDecision&) const = default;
};

// Who was at the kiosk: the client alone, or with an associate (assisted session).
struct Presence {
  std::string associate_id;  // empty: the client alone
  bool assisted() const { return !associate_id.empty(); }
};

struct SessionContext {
  Language language = Language::English;
  Channel channel = Channel::Kiosk;
  Presence presence;
};

struct ConsentRecord {
  std::string id;  // assigned when committed
  std::chrono::system_clock::time_point recorded_at{};
  EventKind kind = EventKind::Choices;
  std::string policy_version;
  // The complete state after this event, one entry per decision item: a record read alone
  // says everything the client had agreed to at that moment.
  std::vector<ItemDecision> decisions;
  SessionContext session;
  std::optional<AgentAuthority> agent;
  // Access requests only; absent in records written before it was asked (and then by mail).
  std::optional<AnswerDelivery> delivery;
};

enum class RecordErrc { Malformed, UnknownValue };

struct RecordError {
  RecordErrc code;
  std::string detail;
};

// "2026-11-28T18:40:48.123Z": UTC, milliseconds.
std::string format_utc(std::chrono::system_clock::time_point time);
std::optional<std::chrono::system_clock::time_point> parse_utc(std::string_view text);

// The pseudonymous form kept in the ledger and printed by `kioskctl ledger`: one JSON object,
// keys in a fixed order so that it hashes the same every time.
std::string to_ledger_json(const ConsentRecord& record);
Expected<ConsentRecord, RecordError> parse_ledger_json(std::string_view text);

// The full record for head office: what the envelope signs and seals.
struct EnvelopePayload {
  std::string kiosk_id;
  ConsentRecord record;
  ClientIdentity client;
  std::optional<AgentIdentity> agent;
};

std::string to_envelope_json(const EnvelopePayload& payload);
Expected<EnvelopePayload, RecordError> parse_envelope_json(std::string_view text);

}  // namespace kiosk::consent
