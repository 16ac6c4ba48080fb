// The consent half of the session: the client's draft choices and the handshake with the store.
#include "kiosk/core/session.hpp"
#include "kiosk/text/kiosk_text.hpp"

namespace kiosk {
namespace {

constexpr Bilingual kExpiredCardGrants = text::session::expired_card_grants;

}  // namespace

consent::SessionContext KioskSession::context() const {
  consent::SessionContext context;
  context.language = language_;
  context.channel = consent::Channel::Kiosk;
  context.presence.associate_id = assisted_.active() ? assisted_.associate_id() : settings_.associate_id;
  return context;
}

void KioskSession::provide_client_state(consent::CurrentConsent current, ClientStateOrigin origin) {
  if (!wants_client_state_) return;
  wants_client_state_ = false;
  client_state_origin_ = origin;
  draft_ = current.decisions;
  // A returning client under the same policy goes straight to their choices; anyone else reads
  // the policy first. An expired card can agree to nothing, so there is nothing to read first.
  screen_ = current.needs_review && !card_expired_ ? Screen::Policy : Screen::Choices;
  showing_full_policy_ = false;
  client_state_ = std::move(current);
  last_activity_ = clock_.steady_now();
}

void KioskSession::set_decision(const action::SetDecision& change) {
  const consent::ConsentItem* item = settings_.model->find(change.item_id);
  if (item == nullptr || !item->client_may_refuse()) return;
  if (card_expired_) {
    notice_ = kExpiredCardGrants;
    return;
  }
  // Granting what needs an associate (credit checks, agents) is for assisted sessions; refusing
  // it is always allowed, as easily as it was given.
  if (item->requires_associate && change.decision == consent::Decision::Granted &&
      !context().presence.assisted()) {
    notice_ = consent::RuleError{consent::RuleErrc::NeedsAssociate, change.item_id}.message();
    return;
  }
  notice_.reset();
  for (auto& decision : draft_) {
    if (decision.item_id == change.item_id) decision.decision = change.decision;
  }
}

void KioskSession::request_record(Expected<consent::ConsentRecord, consent::RuleError> record) {
  if (!record) {
    notice_ = record.error().message();
    return;
  }
  if (card_expired_ && (record->kind != consent::EventKind::Withdrawal ||
                        !consent::grants_no_consent(*settings_.model, *record))) {
    notice_ = kExpiredCardGrants;
    return;
  }
  notice_.reset();
  pending_ = PendingRecord{std::move(record).value(), nullptr};
  awaiting_commit_ = true;
}

consent::WithdrawalConsequences KioskSession::withdrawal_consequences() const {
  if (settings_.model == nullptr || !client_state_) return {};
  return consent::withdrawal_consequences(*settings_.model, *client_state_);
}

std::optional<PendingRecord> KioskSession::take_pending_record() {
  std::optional<PendingRecord> out = std::move(pending_);
  pending_.reset();
  return out;
}

void KioskSession::on_record_saved(consent::ConsentRecord committed) {
  if (!awaiting_commit_) return;
  awaiting_commit_ = false;
  draft_ = committed.decisions;
  saved_ = std::move(committed);
  screen_ = Screen::Saved;
  last_activity_ = clock_.steady_now();
}

void KioskSession::on_record_failed(BilingualText reason) {
  // Nothing was saved, and the kiosk cannot promise the next try will be: out of service,
  // with the client told their choices were not recorded.
  go_out_of_service(std::move(reason));
}

}  // namespace kiosk
