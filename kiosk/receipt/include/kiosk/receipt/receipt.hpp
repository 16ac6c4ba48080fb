#pragma once
// A consent receipt: what a client takes away as proof of what they agreed to. Its content follows
// the public consent-receipt structures (Kantara Consent Receipt 1.1, ISO/IEC TS 27560): who is
// the controller and how to reach its privacy officer, when and where, under which policy version,
// how consent was collected, each purpose and disclosure with its decision and basis, how to
// withdraw or ask for access, and the language. It names at most the client's first name and the
// masked document number, and only when the client is still at the kiosk: a receipt rebuilt later
// from the ledger names nobody.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/consent/consent_model.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/core/language.hpp"

namespace kiosk::receipt {

// The controller as head office publishes it (assets/receipt/controller.json): the same for every
// store, so it travels with the binary rather than in each kiosk's config.
struct ControllerInfo {
  std::string controller;
  std::string address;
  std::string privacy_officer;
  std::string privacy_email;
  std::string privacy_phone;
  std::string jurisdiction;  // ISO 3166 code, e.g. "CA"
  consent::LocalizedText law;
  consent::LocalizedText policy_url;
  consent::LocalizedText withdraw;
  consent::LocalizedText access;
};

enum class ControllerErrc { Malformed, MissingField };
struct ControllerError {
  ControllerErrc code;
  std::string detail;
};

Expected<ControllerInfo, ControllerError> parse_controller_info(std::string_view json_text);
// assets/receipt/controller.json as it was at build time.
const ControllerInfo& embedded_controller_info();

// Only while the client stands at the kiosk; never stored, never in the signed code.
struct ReceiptHolder {
  std::string first_name;
  std::string document_masked;  // "…1234"
};

// One purpose or disclosure as the record left it.
struct ReceiptEntry {
  std::string item_id;
  consent::LocalizedText title;  // the item id in both languages when the model lacks the item
  std::string basis;             // consent::to_string(Basis): data, so a new basis needs no code
  std::string decision;          // consent::to_string(Decision)
};

struct Receipt {
  std::string receipt_id;  // the consent record's id
  std::string kiosk_id;
  std::string store_name;
  std::chrono::system_clock::time_point issued_at{};
  std::string time_zone = "UTC";  // the store's IANA zone: the paper shows its wall-clock time
  ControllerInfo controller;
  std::string policy_version;
  bool policy_is_current = true;  // the titles come from the model this record was made under
  std::string event_kind;         // consent::to_string(EventKind)
  Language language = Language::English;
  std::string associate_id;  // empty: the client alone at the kiosk
  // An agent's authority on record (consent::to_string(AuthorityDocument)) and the associate who
  // checked it; empty without an agent. Never the agent's name.
  std::string agent_document;
  std::string agent_checked_by;
  // How an access request is answered (consent::to_string(AnswerDelivery)); empty otherwise.
  std::string delivery;
  std::vector<ReceiptEntry> purposes;
  std::vector<ReceiptEntry> disclosures;
  std::optional<ReceiptHolder> holder;
  // The signed, printable code the QR carries (receipt_code.hpp); empty until signed.
  std::string code;
};

struct ReceiptSource {
  std::string kiosk_id;
  std::string store_name;
  const ControllerInfo* controller = nullptr;  // null: the embedded one
  std::optional<ReceiptHolder> holder;
  std::string time_zone = "UTC";
};

// The receipt of a committed record, in the record's own language. Decisions come in the
// record's order; each item's kind, basis and title come from the model.
Receipt build_receipt(const consent::ConsentRecord& record, const consent::ConsentModel& model,
                      const ReceiptSource& source);

// How a receipt reads on paper and on screen, one styled line at a time, already wrapped to
// `columns` characters of the printer's normal font (Title lines take two columns a character).
enum class LineStyle { Title, Heading, Body, Small, Code };

struct ReceiptLine {
  std::string text;  // UTF-8
  LineStyle style = LineStyle::Body;
  bool centered = false;
};

inline constexpr int kReceiptColumns = 48;  // 80 mm paper, 12-dot font, 576 dots

std::vector<ReceiptLine> receipt_lines(const Receipt& receipt, Language language,
                                       int columns = kReceiptColumns);
// receipt.txt: the lines as plain UTF-8 text.
std::string receipt_text(const Receipt& receipt, Language language, int columns = kReceiptColumns);

// Splits UTF-8 text into lines of at most `columns` characters (code points), at spaces where it
// can; a non-breaking space never breaks.
std::vector<std::string> wrap_text(std::string_view text, int columns);
std::size_t utf8_length(std::string_view text);

}  // namespace kiosk::receipt
