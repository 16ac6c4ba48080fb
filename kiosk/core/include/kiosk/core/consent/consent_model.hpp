#pragma once
// The privacy policy's consent model: what the client is asked, on what basis, and what is
// assumed until they choose. It is built from data (assets/policy/): a new policy version or a
// new purpose is a new file, not new code.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/core/language.hpp"

namespace kiosk::consent {

enum class ItemKind { Purpose, Sharing, Right };

// Why the kiosk may use the information for an item.
enum class Basis {
  RequiredForService,  // no service without it: shown, never a choice
  ImpliedOptOut,       // assumed (the policy says so) until the client says no
  ExpressOptIn,        // only with the client's express yes: starts off
  // Needs no consent (legal retention, emergencies, disclosures the law requires, collection of
  // a debt): shown so that the client knows, recorded as acknowledged, never as a yes.
  Notice,
};

std::string_view to_string(ItemKind kind);
std::string_view to_string(Basis basis);

struct LocalizedText {
  std::string en;
  std::string fr;
  const std::string& in(Language language) const { return language == Language::French ? fr : en; }
};

struct ConsentItem {
  std::string id;
  ItemKind kind = ItemKind::Purpose;
  // Empty for rights: a right is something the client may ask for, not a decision.
  std::optional<Basis> basis;
  bool default_granted = false;
  // Where a province's law makes privacy the default (Quebec), a secondary use starts off for
  // its residents: province code ("QC") to the default there. Only ever turns an item off.
  std::map<std::string, bool, std::less<>> default_by_province;
  // Granting it needs an associate in the session (credit checks, authorized agents).
  bool requires_associate = false;
  LocalizedText title;
  LocalizedText text;

  // Recorded in every record: a choice, a required item or a notice (a right is none of these).
  bool is_decision() const { return basis.has_value(); }
  bool is_notice() const { return basis == Basis::Notice; }
  // The client may turn it off: anything but what the service cannot run without, or a notice.
  bool client_may_refuse() const {
    return basis && *basis != Basis::RequiredForService && *basis != Basis::Notice;
  }
  // The default for a client whose card was issued by `province` (empty: unknown).
  bool default_for(std::string_view province) const;
};

// The exact texts the client reads, in both languages.
struct PolicyTexts {
  std::string en;
  std::string fr;
};

class ConsentModel {
 public:
  ConsentModel(std::string version, PolicyTexts texts, std::vector<ConsentItem> items)
      : version_(std::move(version)), texts_(std::move(texts)), items_(std::move(items)) {}

  // Hex BLAKE2b-256 of the policy texts and the model file: every record names it.
  const std::string& version() const { return version_; }
  const PolicyTexts& texts() const { return texts_; }
  const std::vector<ConsentItem>& items() const { return items_; }
  const ConsentItem* find(std::string_view id) const;

 private:
  std::string version_;
  PolicyTexts texts_;
  std::vector<ConsentItem> items_;
};

enum class ModelErrc { Malformed, UnknownValue, DuplicateItem, DefaultBreaksBasis, MissingText, Empty };

std::string_view to_string(ModelErrc code);

struct ModelError {
  ModelErrc code;
  std::string detail;  // which item, which field
};

// The policy version for these exact bytes. Any change to either text or the model changes it.
std::string policy_version(std::string_view policy_en, std::string_view policy_fr,
                           std::string_view model_json);

// Parses already-read text (core does no I/O). Refuses a model that breaks privacy by default:
// an express-consent item that starts on, or a required item that starts off.
Expected<ConsentModel, ModelError> parse_consent_model(std::string_view model_json,
                                                       std::string_view policy_en,
                                                       std::string_view policy_fr);

}  // namespace kiosk::consent
