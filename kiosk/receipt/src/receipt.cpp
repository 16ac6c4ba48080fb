#include "kiosk/receipt/receipt.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "embedded_controller.hpp"
#include "kiosk/receipt/receipt_time.hpp"
#include "receipt_words.hpp"

namespace kiosk::receipt {
namespace {

using nlohmann::json;

Expected<std::string, ControllerError> read_string(const json& root, const char* field) {
  auto it = root.find(field);
  if (it == root.end() || !it->is_string() || it->get<std::string>().empty()) {
    return fail(
        ControllerError{ControllerErrc::MissingField, std::string(field) + " must be a non-empty string"});
  }
  return it->get<std::string>();
}

Expected<consent::LocalizedText, ControllerError> read_pair(const json& root, const char* field) {
  auto it = root.find(field);
  if (it == root.end() || !it->is_object()) {
    return fail(
        ControllerError{ControllerErrc::MissingField, std::string(field) + " needs \"en\" and \"fr\""});
  }
  auto en = read_string(*it, "en");
  auto fr = read_string(*it, "fr");
  if (!en || !fr) {
    return fail(
        ControllerError{ControllerErrc::MissingField, std::string(field) + " needs \"en\" and \"fr\""});
  }
  return consent::LocalizedText{*en, *fr};
}

std::string_view basis_words(std::string_view basis, Language language) {
  if (basis == "required-for-service") return words::required_for_service.in(language);
  if (basis == "implied-opt-out") return words::implied.in(language);
  if (basis == "express-opt-in") return words::express.in(language);
  if (basis.find("notice") != std::string_view::npos) return words::notice.in(language);
  return basis;
}

std::string_view decision_words(const ReceiptEntry& entry, Language language) {
  // A notice is shown and acknowledged, never agreed to.
  if (entry.basis.find("notice") != std::string::npos) return words::acknowledged.in(language);
  if (entry.decision == "granted") return words::granted.in(language);
  if (entry.decision == "refused") return words::refused.in(language);
  return words::acknowledged.in(language);
}

std::string_view event_words(std::string_view kind, Language language) {
  if (kind == "withdrawal") return words::event_withdrawal.in(language);
  if (kind == "access-request") return words::event_access.in(language);
  if (kind == "agent-designation") return words::event_agent.in(language);
  return words::event_choices.in(language);
}

// Receipts rebuilt from an older ledger may name a kind this build does not know: shown as is.
std::string_view authority_words(std::string_view document, Language language) {
  if (document == "power-of-attorney") return words::power_of_attorney.in(language);
  if (document == "court-order") return words::court_order.in(language);
  if (document == "parent-of-minor") return words::parent_of_minor.in(language);
  if (document == "estate-representative") return words::estate_representative.in(language);
  return document;
}

std::string_view delivery_words(std::string_view delivery, Language language) {
  if (delivery == "mail") return words::by_mail.in(language);
  if (delivery == "email") return words::by_email.in(language);
  if (delivery == "in-store") return words::in_store.in(language);
  return delivery;
}

// "Date : value" in French (a no-break space before the colon), "Date: value" in English.
std::string labelled(std::string_view label, std::string_view value, Language language) {
  std::string out(label);
  out += words::label_separator.in(language);
  out += value;
  return out;
}

class LineSink {
 public:
  LineSink(int columns) : columns_(columns) {}
  void add(std::string_view text, LineStyle style = LineStyle::Body, bool centered = false) {
    const int width = style == LineStyle::Title ? columns_ / 2 : columns_;
    for (auto& piece : wrap_text(text, width)) lines_.push_back({std::move(piece), style, centered});
  }
  void blank() { lines_.push_back({"", LineStyle::Body, false}); }
  std::vector<ReceiptLine> take() { return std::move(lines_); }

 private:
  int columns_;
  std::vector<ReceiptLine> lines_;
};

void add_entries(LineSink& sink, const std::vector<ReceiptEntry>& entries, Language language) {
  for (const auto& entry : entries) {
    std::string head = "[";
    head += decision_words(entry, language);
    head += "] ";
    head += entry.title.in(language);
    sink.add(head);
    std::string basis = "    ";
    basis += labelled(words::basis.in(language), basis_words(entry.basis, language), language);
    sink.add(basis, LineStyle::Small);
  }
}

}  // namespace

Expected<ControllerInfo, ControllerError> parse_controller_info(std::string_view json_text) {
  json root = json::parse(json_text, nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return fail(ControllerError{ControllerErrc::Malformed, "not a JSON object"});
  }
  ControllerInfo info;
  for (auto [field, target] :
       {std::pair{"controller", &info.controller}, std::pair{"address", &info.address},
        std::pair{"privacy_officer", &info.privacy_officer}, std::pair{"privacy_email", &info.privacy_email},
        std::pair{"privacy_phone", &info.privacy_phone}, std::pair{"jurisdiction", &info.jurisdiction}}) {
    auto value = read_string(root, field);
    if (!value) return fail(value.error());
    *target = std::move(*value);
  }
  for (auto [field, target] : {std::pair{"law", &info.law}, std::pair{"policy_url", &info.policy_url},
                               std::pair{"withdraw", &info.withdraw}, std::pair{"access", &info.access}}) {
    auto value = read_pair(root, field);
    if (!value) return fail(value.error());
    *target = std::move(*value);
  }
  return info;
}

Receipt build_receipt(const consent::ConsentRecord& record, const consent::ConsentModel& model,
                      const ReceiptSource& source) {
  Receipt receipt;
  receipt.receipt_id = record.id;
  receipt.kiosk_id = source.kiosk_id;
  receipt.store_name = source.store_name;
  receipt.time_zone = source.time_zone;
  receipt.issued_at = record.recorded_at;
  receipt.controller = source.controller != nullptr ? *source.controller : embedded_controller_info();
  receipt.policy_version = record.policy_version;
  receipt.policy_is_current = record.policy_version == model.version();
  receipt.event_kind = std::string(consent::to_string(record.kind));
  receipt.language = record.session.language;
  receipt.associate_id = record.session.presence.associate_id;
  if (record.agent) {
    receipt.agent_document = std::string(consent::to_string(record.agent->document));
    receipt.agent_checked_by = record.agent->checked_by;
  }
  if (record.delivery) receipt.delivery = std::string(consent::to_string(*record.delivery));
  receipt.holder = source.holder;
  for (const auto& decision : record.decisions) {
    ReceiptEntry entry;
    entry.item_id = decision.item_id;
    entry.decision = std::string(consent::to_string(decision.decision));
    entry.title = {decision.item_id, decision.item_id};
    const consent::ConsentItem* item = model.find(decision.item_id);
    if (item != nullptr) {
      entry.title = item->title;
      if (item->basis) entry.basis = std::string(consent::to_string(*item->basis));
    }
    const bool sharing = item != nullptr && item->kind == consent::ItemKind::Sharing;
    (sharing ? receipt.disclosures : receipt.purposes).push_back(std::move(entry));
  }
  return receipt;
}

std::vector<ReceiptLine> receipt_lines(const Receipt& receipt, Language language, int columns) {
  LineSink sink(columns);
  const ControllerInfo& controller = receipt.controller;
  sink.add(words::title.in(language), LineStyle::Title, true);
  sink.add(controller.controller, LineStyle::Heading, true);
  if (!receipt.store_name.empty()) sink.add(receipt.store_name, LineStyle::Body, true);
  sink.blank();
  sink.add(labelled(words::receipt_id.in(language), receipt.receipt_id, language));
  sink.add(
      labelled(words::date.in(language), format_local_time(receipt.issued_at, receipt.time_zone), language));
  sink.add(labelled(words::time_zone.in(language), receipt.time_zone, language));
  sink.add(labelled(words::kiosk.in(language), receipt.kiosk_id, language));
  std::string jurisdiction = controller.jurisdiction + ", " + controller.law.in(language);
  sink.add(labelled(words::jurisdiction.in(language), jurisdiction, language));
  sink.add(labelled(words::language.in(language), words::language_name.in(language), language));
  sink.add(labelled(words::event.in(language), event_words(receipt.event_kind, language), language));
  std::string collected(receipt.associate_id.empty() ? words::collected_alone.in(language)
                                                     : words::collected_assisted.in(language));
  if (!receipt.associate_id.empty()) collected += " " + receipt.associate_id;
  sink.add(labelled(words::collected.in(language), collected, language));
  if (!receipt.agent_document.empty()) {
    std::string agent(authority_words(receipt.agent_document, language));
    if (!receipt.agent_checked_by.empty())
      agent += ", " + std::string(words::agent_checked_by.in(language)) + " " + receipt.agent_checked_by;
    sink.add(labelled(words::agent.in(language), agent, language));
  }
  if (!receipt.delivery.empty())
    sink.add(labelled(words::answer.in(language), delivery_words(receipt.delivery, language), language));
  if (receipt.holder) {
    sink.add(labelled(words::client.in(language), receipt.holder->first_name, language));
    sink.add(labelled(words::document.in(language), receipt.holder->document_masked, language));
  }
  sink.blank();
  sink.add(labelled(words::controller.in(language), controller.controller, language));
  sink.add(controller.address, LineStyle::Small);
  sink.add(labelled(words::privacy_officer.in(language), controller.privacy_officer, language));
  sink.add(controller.privacy_email + "  " + controller.privacy_phone, LineStyle::Small);
  sink.add(labelled(words::policy.in(language), controller.policy_url.in(language), language));
  sink.add(labelled(words::policy_version.in(language), receipt.policy_version, language), LineStyle::Small);
  if (!receipt.policy_is_current) sink.add(words::policy_other.in(language), LineStyle::Small);
  sink.blank();
  sink.add(words::purposes.in(language), LineStyle::Heading);
  add_entries(sink, receipt.purposes, language);
  sink.blank();
  sink.add(words::disclosures.in(language), LineStyle::Heading);
  add_entries(sink, receipt.disclosures, language);
  sink.blank();
  sink.add(words::withdraw.in(language), LineStyle::Heading);
  sink.add(controller.withdraw.in(language), LineStyle::Small);
  sink.add(words::access.in(language), LineStyle::Heading);
  sink.add(controller.access.in(language), LineStyle::Small);
  if (!receipt.code.empty()) {
    sink.blank();
    sink.add(words::verify.in(language), LineStyle::Small, true);
  }
  return sink.take();
}

std::string receipt_text(const Receipt& receipt, Language language, int columns) {
  std::string out;
  for (const auto& line : receipt_lines(receipt, language, columns)) {
    const int width = line.style == LineStyle::Title ? columns / 2 : columns;
    if (line.centered) {
      const auto length = static_cast<int>(utf8_length(line.text));
      out.append(static_cast<std::size_t>(std::max(0, (width - length) / 2)), ' ');
    }
    out += line.text;
    out += '\n';
  }
  if (!receipt.code.empty()) out += receipt.code + "\n";
  return out;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::vector<std::string> wrap_text(std::string_view text, int columns) {
  // Split into words at plain spaces (U+00A0 is two bytes, never one of them), then fill lines.
  std::vector<std::string> lines;
  std::string current;
  std::size_t current_length = 0;
  const auto width = static_cast<std::size_t>(std::max(1, columns));
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty() && end == text.size()) break;
    std::size_t word_length = utf8_length(word);
    if (current_length > 0 && current_length + 1 + word_length > width) {
      lines.push_back(std::move(current));
      current.clear();
      current_length = 0;
    }
    // A word longer than a line (a URL, a hex id) is cut where it must be.
    while (word_length > width) {
      std::size_t bytes = 0;
      for (std::size_t taken = 0; bytes < word.size() && taken < width - current_length;) {
        ++bytes;
        while (bytes < word.size() && (static_cast<unsigned char>(word[bytes]) & 0xC0) == 0x80) ++bytes;
        ++taken;
      }
      current += word.substr(0, bytes);
      lines.push_back(std::move(current));
      current.clear();
      current_length = 0;
      word = word.substr(bytes);
      word_length = utf8_length(word);
    }
    if (current_length > 0) {
      current += ' ';
      ++current_length;
    }
    current += word;
    current_length += word_length;
  }
  if (!current.empty() || lines.empty()) lines.push_back(std::move(current));
  return lines;
}

const ControllerInfo& embedded_controller_info() {
  static const ControllerInfo info = [] {
    auto parsed = parse_controller_info(embedded_controller_json());
    if (!parsed) throw std::runtime_error("embedded controller.json: " + parsed.error().detail);
    return std::move(*parsed);
  }();
  return info;
}

}  // namespace kiosk::receipt
