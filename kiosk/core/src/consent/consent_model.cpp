#include "kiosk/core/consent/consent_model.hpp"

#include <sodium.h>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

namespace kiosk::consent {
namespace {

using nlohmann::json;

Expected<LocalizedText, ModelError> read_text(const json& item, const char* field, const std::string& id) {
  auto it = item.find(field);
  if (it == item.end() || !it->is_object()) {
    return fail(ModelError{ModelErrc::MissingText, id + ": " + field + " needs \"en\" and \"fr\""});
  }
  LocalizedText text;
  for (auto [language, target] : {std::pair{"en", &text.en}, std::pair{"fr", &text.fr}}) {
    auto value = it->find(language);
    if (value == it->end() || !value->is_string() || value->get<std::string>().empty()) {
      return fail(ModelError{ModelErrc::MissingText, id + ": " + field + "." + language + " is missing"});
    }
    *target = value->get<std::string>();
  }
  return text;
}

std::optional<ItemKind> kind_from(std::string_view text) {
  if (text == "purpose") return ItemKind::Purpose;
  if (text == "sharing") return ItemKind::Sharing;
  if (text == "right") return ItemKind::Right;
  return std::nullopt;
}

std::optional<Basis> basis_from(std::string_view text) {
  if (text == "required-for-service") return Basis::RequiredForService;
  if (text == "implied-opt-out") return Basis::ImpliedOptOut;
  if (text == "express-opt-in") return Basis::ExpressOptIn;
  if (text == "notice") return Basis::Notice;
  return std::nullopt;
}

bool is_province_code(std::string_view code) {
  return code.size() == 2 && std::isupper(static_cast<unsigned char>(code[0])) &&
         std::isupper(static_cast<unsigned char>(code[1]));
}

// A notice has no default (it is never a choice); every other decision has one that respects
// privacy by default, and per-province overrides that may only turn it off.
Status<ModelError> read_default(const json& node, ConsentItem& item) {
  if (item.is_notice()) {
    if (node.contains("default") || node.contains("default_by_province")) {
      return fail(ModelError{ModelErrc::Malformed, item.id + ": a notice has no default"});
    }
    return Ok{};
  }
  if (!node.contains("default") || !node["default"].is_boolean()) {
    return fail(ModelError{ModelErrc::Malformed, item.id + ": needs a boolean default"});
  }
  item.default_granted = node["default"].get<bool>();
  // Privacy by default: what needs an express yes starts off; what cannot be refused starts on.
  if ((*item.basis == Basis::ExpressOptIn && item.default_granted) ||
      (*item.basis == Basis::RequiredForService && !item.default_granted)) {
    return fail(ModelError{ModelErrc::DefaultBreaksBasis, item.id});
  }
  auto overrides = node.find("default_by_province");
  if (overrides == node.end()) return Ok{};
  if (!overrides->is_object() || !item.client_may_refuse()) {
    return fail(ModelError{ModelErrc::Malformed, item.id + ": default_by_province"});
  }
  for (const auto& [province, value] : overrides->items()) {
    if (!is_province_code(province) || !value.is_boolean()) {
      return fail(ModelError{ModelErrc::Malformed, item.id + ": default_by_province." + province});
    }
    if (value.get<bool>()) return fail(ModelError{ModelErrc::DefaultBreaksBasis, item.id + ": " + province});
    item.default_by_province.emplace(province, false);
  }
  return Ok{};
}

Expected<ConsentItem, ModelError> read_item(const json& node) {
  if (!node.is_object() || !node.contains("id") || !node["id"].is_string() || !node.contains("kind") ||
      !node["kind"].is_string()) {
    return fail(ModelError{ModelErrc::Malformed, "every item needs a string id and kind"});
  }
  ConsentItem item;
  item.id = node["id"].get<std::string>();
  auto kind = kind_from(node["kind"].get<std::string>());
  if (!kind) return fail(ModelError{ModelErrc::UnknownValue, item.id + ": kind"});
  item.kind = *kind;

  const bool has_basis = node.contains("basis");
  if (item.kind == ItemKind::Right) {
    if (has_basis || node.contains("default")) {
      return fail(ModelError{ModelErrc::Malformed, item.id + ": a right has no basis or default"});
    }
  } else {
    if (!has_basis || !node["basis"].is_string()) {
      return fail(ModelError{ModelErrc::Malformed, item.id + ": needs a basis"});
    }
    item.basis = basis_from(node["basis"].get<std::string>());
    if (!item.basis) return fail(ModelError{ModelErrc::UnknownValue, item.id + ": basis"});
    if (auto read = read_default(node, item); !read) return fail(read.error());
  }
  if (auto it = node.find("requires_associate"); it != node.end()) {
    if (!it->is_boolean()) return fail(ModelError{ModelErrc::Malformed, item.id + ": requires_associate"});
    item.requires_associate = it->get<bool>();
    // A notice is never granted, so there is nothing for an associate to grant.
    if (item.requires_associate && item.is_notice()) {
      return fail(ModelError{ModelErrc::Malformed, item.id + ": a notice needs no associate"});
    }
  }
  auto title = read_text(node, "title", item.id);
  if (!title) return fail(title.error());
  auto text = read_text(node, "text", item.id);
  if (!text) return fail(text.error());
  item.title = std::move(*title);
  item.text = std::move(*text);
  return item;
}

}  // namespace

std::string_view to_string(ItemKind kind) {
  switch (kind) {
    case ItemKind::Purpose: return "purpose";
    case ItemKind::Sharing: return "sharing";
    case ItemKind::Right: return "right";
  }
  return "unknown";
}

std::string_view to_string(Basis basis) {
  switch (basis) {
    case Basis::RequiredForService: return "required-for-service";
    case Basis::ImpliedOptOut: return "implied-opt-out";
    case Basis::ExpressOptIn: return "express-opt-in";
    case Basis::Notice: return "notice";
  }
  return "unknown";
}

std::string_view to_string(ModelErrc code) {
  switch (code) {
    case ModelErrc::Malformed: return "model-malformed";
    case ModelErrc::UnknownValue: return "model-unknown-value";
    case ModelErrc::DuplicateItem: return "model-duplicate-item";
    case ModelErrc::DefaultBreaksBasis: return "model-default-breaks-basis";
    case ModelErrc::MissingText: return "model-missing-text";
    case ModelErrc::Empty: return "model-empty";
  }
  return "model-error";
}

bool ConsentItem::default_for(std::string_view province) const {
  auto it = default_by_province.find(province);
  return it == default_by_province.end() ? default_granted : it->second;
}

const ConsentItem* ConsentModel::find(std::string_view id) const {
  for (const auto& item : items_) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

std::string policy_version(std::string_view policy_en, std::string_view policy_fr,
                           std::string_view model_json) {
  // Each part is length-prefixed so that moving bytes from one file to the next changes the hash.
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  constexpr std::string_view domain = "kiosk-consent-policy/1";
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(domain.data()), domain.size());
  for (std::string_view part : {policy_en, policy_fr, model_json}) {
    unsigned char length[8];
    auto size = static_cast<unsigned long long>(part.size());
    for (int i = 0; i < 8; ++i) length[i] = static_cast<unsigned char>(size >> (8 * i));
    crypto_generichash_update(&state, length, sizeof length);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
  }
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash_final(&state, digest, sizeof digest);
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Expected<ConsentModel, ModelError> parse_consent_model(std::string_view model_json,
                                                       std::string_view policy_en,
                                                       std::string_view policy_fr) {
  if (policy_en.empty() || policy_fr.empty()) {
    return fail(ModelError{ModelErrc::MissingText, "the policy text is empty in one language"});
  }
  const json root = json::parse(model_json, nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return fail(ModelError{ModelErrc::Malformed, "not a JSON object"});
  }
  if (root.value("format", 0) != 1) return fail(ModelError{ModelErrc::UnknownValue, "format (expected 1)"});
  auto items_node = root.find("items");
  if (items_node == root.end() || !items_node->is_array() || items_node->empty()) {
    return fail(ModelError{ModelErrc::Empty, "items"});
  }
  std::vector<ConsentItem> items;
  std::set<std::string> seen;
  for (const auto& node : *items_node) {
    auto item = read_item(node);
    if (!item) return fail(item.error());
    if (!seen.insert(item->id).second) return fail(ModelError{ModelErrc::DuplicateItem, item->id});
    items.push_back(std::move(*item));
  }
  return ConsentModel(policy_version(policy_en, policy_fr, model_json),
                      PolicyTexts{std::string(policy_en), std::string(policy_fr)}, std::move(items));
}

}  // namespace kiosk::consent
