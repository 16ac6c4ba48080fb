// Building what the screen draws from the session's state: the client's screens and staff mode.
#include <cstdio>

#include "kiosk/app/app.hpp"
#include "kiosk/app/receipt_desk.hpp"
#include "kiosk/app/session_store_worker.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/core/consent/policy_summary.hpp"
#include "kiosk/core/format_text.hpp"
#include "kiosk/core/identity/aamva_dates.hpp"
#include "kiosk/core/identity/iin_table.hpp"
#include "kiosk/core/identity/issuer_names_fr.hpp"
#include "kiosk/text/kiosk_text.hpp"
#include "kiosk/ui/kiosk_view.hpp"

namespace kiosk {
namespace {

// What staff read in the status table ([kiosk_status] in assets/strings/kiosk-text.toml).
namespace label = text::kiosk_status::label;
namespace value = text::kiosk_status::value;

std::string megabytes(std::uintmax_t bytes, Language lang) {
  return format_text(value::megabytes.in(lang), static_cast<double>(bytes) / 1e6);
}

// "2026-11-28 14:05 UTC (12 min ago)": a tech compares it with the clock on the wall.
std::string time_and_age(std::chrono::system_clock::time_point at, std::chrono::system_clock::time_point now,
                         Language lang) {
  const std::string utc = consent::format_utc(at);  // 2026-11-28T14:05:09.123Z
  std::string text = utc.substr(0, 10) + " " + utc.substr(11, 5) + " UTC";
  const auto minutes = std::chrono::floor<std::chrono::minutes>(now - at).count();
  if (minutes < 0) return text;
  const bool hours = minutes >= 120;
  const long long amount = hours ? minutes / 60 : minutes;
  char age[48];
  std::snprintf(age, sizeof age, (hours ? value::ago_hours : value::ago_minutes).in(lang).data(), amount);
  return text + age;
}

std::string time_or_word(const std::string& utc, std::chrono::system_clock::time_point now, Bilingual word,
                         Language lang) {
  if (utc.empty()) return std::string(word.in(lang));
  const auto at = consent::parse_utc(utc);
  return at ? time_and_age(*at, now, lang) : utc;
}

std::string or_word(const std::string& text, Bilingual word, Language language) {
  return text.empty() ? std::string(word.in(language)) : text;
}

std::vector<std::pair<std::string, std::string>> status_rows(const StaffDiagnostics& report, bool tech,
                                                             std::chrono::system_clock::time_point now,
                                                             Language lang) {
  std::vector<std::pair<std::string, std::string>> rows;
  auto add = [&](Bilingual name, std::string text) { rows.emplace_back(name.in(lang), std::move(text)); };
  add(label::kiosk_id, report.kiosk_id);
  add(label::queue, std::to_string(report.queue_depth));
  add(label::oldest, report.oldest_pending ? time_and_age(*report.oldest_pending, now, lang)
                                           : std::string(value::none.in(lang)));
  if (report.quarantined > 0) add(label::quarantined, std::to_string(report.quarantined));
  if (!report.enrolled) {
    add(label::last_sync, std::string(value::not_enrolled.in(lang)));
  } else {
    add(label::last_sync, time_or_word(report.last_sync, now, value::never, lang));
    add(label::last_error, or_word(report.last_error, value::none, lang));
    add(label::reachable, report.head_office_reachable
                              ? std::string((*report.head_office_reachable ? value::yes : value::no).in(lang))
                              : std::string(value::no_attempt.in(lang)));
  }
  if (tech) {
    add(label::disk_free, report.disk_free_bytes ? megabytes(*report.disk_free_bytes, lang)
                                                 : std::string(value::unknown.in(lang)));
    // SQLite answers "ok" in English; anything else is its own finding, for the tech to pass on.
    add(label::database,
        report.database_check == "ok" ? std::string(value::check_passed.in(lang)) : report.database_check);
    add(label::signing_key, or_word(report.signing_key_fingerprint, value::unknown, lang));
    if (report.enrolled) add(label::head_office_key, report.head_office_fingerprint);
  }
  if (!report.problem.empty()) add(label::problem, report.problem);
  return rows;
}

// A card as the screens show it: the name as printed, the issuer in the reader's language.
ui::ViewModel::IdentityShown identity_shown(const identity::IdDocument& document, Language language) {
  ui::ViewModel::IdentityShown shown;
  // Built in place in a buffer sized once: no temporary holds the name, no growth leaves it behind.
  std::string& name = shown.full_name.plain();
  reserve_wiped(name,
                document.given_names.size() + document.family_name.size() + document.name_suffix.size() + 2);
  if (!document.given_names.empty()) name.append(document.given_names).append(1, ' ');
  name.append(document.family_name);
  // "Is this you?" must read as the card does: JEAN TREMBLAY JR, not a bare JEAN TREMBLAY.
  if (!document.name_suffix.empty()) name.append(1, ' ').append(document.name_suffix);
  shown.document_masked = document.document_number_masked();
  auto issuer = identity::issuer_by_code(document.issuer);
  auto french = identity::issuer_name_fr(document.issuer);
  shown.issuer_name = language == Language::French && french ? std::string(*french)
                      : issuer                               ? std::string(issuer->name)
                                                             : document.issuer;
  shown.is_licence = document.kind == "DL";
  return shown;
}

// The associate's strip and step; empty when the client is alone.
void add_assisted_view(ui::ViewModel& model, const KioskSession& session) {
  const AssistedFlow& flow = session.assisted();
  if (!flow.active()) return;
  ui::ViewModel::AssistedShown& shown = model.assisted;
  shown.associate_id = flow.associate_id();
  shown.step = flow.step();
  if (const identity::IdDocument* agent = flow.agent()) shown.agent = identity_shown(*agent, model.language);
  if (const auto& refusal = flow.agent_refusal())
    shown.agent_problem = std::string(refusal->message.in(model.language));
  shown.document = flow.document();
  shown.agent_may_ask = flow.agent_may_ask();
  shown.requester_is_agent = flow.requester_is_agent();
  shown.delivery = flow.delivery();
}

}  // namespace

ui::ViewModel App::view_model() const {
  ui::ViewModel model;
  model.screen = session_.screen();
  model.language = session_.language();
  model.store_name = config_.store_name;
  model.session_serial = session_.serial();
  if (auto left = session_.time_until_reset()) {
    model.seconds_until_reset = static_cast<int>((left->count() + 999) / 1000);
  }
  if (const identity::IdDocument* document = session_.identity()) {
    model.identity = identity_shown(*document, model.language);
  }
  add_assisted_view(model, session_);
  if (const auto& refusal = session_.scan_refusal()) {
    model.scan_problem = std::string(refusal->message().in(model.language));
  }
  if (model_) add_consent_view(model);
  add_staff_view(model);
  const BilingualText& reason = session_.out_of_service_reason();
  model.out_of_service_reason = reason.en;
  if (!reason.fr.empty()) {
    model.out_of_service_reason += '\n';
    model.out_of_service_reason += reason.fr;
  }
  return model;
}

void App::add_consent_view(ui::ViewModel& model) const {
  const Language lang = model.language;
  model.policy_text = lang == Language::French ? model_->texts().fr : model_->texts().en;
  model.busy = session_.waiting_for_store();
  model.card_expired = session_.card_expired();
  model.policy_full_text = session_.showing_full_policy();
  if (policy_summary_) {
    model.policy_summary = policy_summary_->text.in(lang);
    if (const auto& state = session_.client_state()) {
      const consent::ChangesSinceVisit since =
          consent::changes_since(policy_summary_->changes, state->policy_version_seen, model_->version());
      model.policy_changed_unknown = since.version_unknown;
      for (const consent::PolicyChange* change : since.entries)
        model.policy_changes.push_back(change->what.in(lang));
    }
  }
  if (session_.screen() == Screen::ConfirmWithdrawal) {
    const consent::WithdrawalConsequences consequences = session_.withdrawal_consequences();
    ui::ViewModel::WithdrawalShown shown;
    for (const std::string& id : consequences.consents_ending) {
      if (const consent::ConsentItem* item = model_->find(id))
        shown.ending.emplace_back(item->title.in(lang));
    }
    shown.agent_authority_ends = consequences.agent_authority_ends;
    model.withdrawal = std::move(shown);
  }
  if (const auto& notice = session_.notice()) model.notice = std::string(notice->in(lang));
  if (const auto& state = session_.client_state()) {
    model.returning_client = state->policy_version_seen.has_value();
    model.head_office_unreachable = session_.client_state_origin() == ClientStateOrigin::KioskFallback;
  }
  auto granted = [](const std::vector<consent::ItemDecision>& decisions, std::string_view id) {
    for (const auto& d : decisions) {
      if (d.item_id == id) return d.decision == consent::Decision::Granted;
    }
    return false;
  };
  for (const consent::ConsentItem& item : model_->items()) {
    ui::ViewModel::ChoiceRow row;
    row.id = item.id;
    row.title = item.title.in(lang);
    row.text = item.text.in(lang);
    row.kind = !item.is_decision()        ? ui::ViewModel::ChoiceRow::Kind::Right
               : item.is_notice()         ? ui::ViewModel::ChoiceRow::Kind::Notice
               : item.client_may_refuse() ? ui::ViewModel::ChoiceRow::Kind::Choice
                                          : ui::ViewModel::ChoiceRow::Kind::Required;
    row.granted = granted(session_.draft(), item.id);
    model.choices.push_back(std::move(row));
  }
  if (const auto& saved = session_.saved_record()) {
    ui::ViewModel::Receipt receipt;
    receipt.record_id = saved->id;
    receipt.kind = std::string(consent::to_string(saved->kind));
    receipt.policy_version = saved->policy_version;
    for (const auto& decision : saved->decisions) {
      const consent::ConsentItem* item = model_->find(decision.item_id);
      if (item == nullptr) continue;
      // A notice was acknowledged, not agreed to: listed apart from what the client decided.
      if (item->is_notice()) {
        receipt.notices.emplace_back(item->title.in(lang));
        continue;
      }
      receipt.decisions.emplace_back(item->title.in(lang), decision.decision == consent::Decision::Granted);
    }
    model.receipt = std::move(receipt);
    add_receipt_view(model);
  }
}

void App::add_receipt_view(ui::ViewModel& model) const {
  auto shown = receipt_desk_->shown(session_.serial());
  if (!shown || !model.receipt) return;
  ui::ViewModel::Receipt& receipt = *model.receipt;
  receipt.qr_size = shown->qr.width;
  receipt.qr_modules = std::move(shown->qr.dots);
  receipt.can_print = shown->can_print;
  receipt.print = shown->print == PrintState::Printing  ? ui::ViewModel::Receipt::Print::Printing
                  : shown->print == PrintState::Printed ? ui::ViewModel::Receipt::Print::Printed
                  : shown->print == PrintState::Failed  ? ui::ViewModel::Receipt::Print::Failed
                                                        : ui::ViewModel::Receipt::Print::Idle;
  if (shown->print_error) {
    receipt.print_message =
        std::string(drivers::printer::client_message(*shown->print_error).in(model.language));
  }
}

void App::add_staff_view(ui::ViewModel& model) const {
  ui::ViewModel::StaffShown& shown = model.staff;
  shown.screen = staff_.screen();
  if (!staff_.active()) return;
  const Language lang = staff_.language();
  shown.language = lang;
  shown.staff_id = staff_.staff_id();
  shown.pin_digits = staff_.screen() == staff::StaffScreen::Pin ? staff_.digits_entered() : 0;
  shown.checking = staff_.checking();
  shown.kiosk_out_of_service = session_.screen() == Screen::OutOfService;
  shown.still_out_of_service = staff_.still_out_of_service();
  const staff::KeypadMessage& message = staff_.message();
  shown.message = message.kind;
  if (message.kind == staff::KeypadMessage::Kind::LockedOut && message.locked_until) {
    const auto left = std::chrono::ceil<std::chrono::minutes>(*message.locked_until - clock_.now());
    shown.locked_minutes = std::max(1, static_cast<int>(left.count()));
  }
  if (diagnostics_ && (staff_.screen() == staff::StaffScreen::AssociateHome ||
                       staff_.screen() == staff::StaffScreen::Diagnostics)) {
    shown.status =
        status_rows(*diagnostics_, staff_.screen() == staff::StaffScreen::Diagnostics, clock_.now(), lang);
  }
  if (staff_.screen() == staff::StaffScreen::Diagnostics) {
    add_scanner_rows(shown.status, scan_sources_->statuses(), test_scan_, lang);
    add_config_rows(shown.status, config_, lang);
  }
}

}  // namespace kiosk
