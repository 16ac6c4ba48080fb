// The assisted half of the session: an associate at the client's side, the agent's designation
// and the access request they set up, each turned into a record by the consent rules.
#include <type_traits>

#include "kiosk/core/session.hpp"
#include "kiosk/text/kiosk_text.hpp"

namespace kiosk {
namespace {

namespace act = assisted_action;

// What the associate reads when a step would drop the client's unsaved choices.
constexpr Bilingual kSaveFirst = text::session::save_first;

}  // namespace

void KioskSession::begin_assisted(std::string associate_id, Language language) {
  if (screen_ != Screen::Welcome || associate_id.empty()) return;
  reset();
  assisted_.start(std::move(associate_id));
  language_ = language;
  screen_ = Screen::ScanId;
}

std::optional<std::string> KioskSession::take_assisted_ended() {
  std::optional<std::string> out = std::move(assisted_ended_);
  assisted_ended_.reset();
  return out;
}

void KioskSession::end_assisted() noexcept {
  if (assisted_.active()) assisted_ended_ = assisted_.associate_id();
  assisted_.end();
}

bool KioskSession::has_unsaved_changes() const {
  return client_state_ && draft_ != client_state_->decisions;
}

bool KioskSession::redirect_to_assisted_step(const SessionAction& action) {
  if (!assisted_.active() || !std::holds_alternative<action::RequestAccess>(action)) return false;
  begin_assisted_access_request();
  return true;
}

void KioskSession::begin_assisted_access_request() {
  if (screen_ != Screen::Choices || !client_state_) return;
  // The request restates nothing, but unsaved choices left behind would be lost without a word.
  if (has_unsaved_changes()) {
    notice_ = kSaveFirst;
    return;
  }
  notice_.reset();
  assisted_.begin_access_request(client_state_->agent && client_state_->agent->identity_checked);
}

void KioskSession::apply(const AssistedAction& action) {
  if (screen_ == Screen::OutOfService || !assisted_.active()) return;
  last_activity_ = clock_.steady_now();
  if (waiting_for_store()) return;
  std::visit(
      [this](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, act::AddAgent>) {
          if (screen_ != Screen::Choices || !client_state_) return;
          // The designation restates the saved choices; unsaved ones would be lost without a word.
          if (has_unsaved_changes()) {
            notice_ = kSaveFirst;
            return;
          }
          notice_.reset();
          assisted_.begin_agent();
        } else if constexpr (std::is_same_v<A, act::ChooseDocument>) {
          assisted_.choose_document(a.document);
        } else if constexpr (std::is_same_v<A, act::ConfirmAgentChecked>) {
          if (assisted_.step() != AssistedStep::AgentAuthority || !assisted_.agent_ready()) return;
          const consent::AgentAuthority authority{*assisted_.document(), true, assisted_.associate_id()};
          auto record =
              consent::record_agent_designation(*settings_.model, *client_state_, authority, context());
          if (!record) {
            notice_ = record.error().message();
            return;
          }
          request_record(std::move(record));
          pending_->agent_identity = assisted_.take_agent();
          assisted_.leave_step();
        } else if constexpr (std::is_same_v<A, act::StartAccessRequest>) {
          begin_assisted_access_request();
        } else if constexpr (std::is_same_v<A, act::ChooseRequester>) {
          assisted_.choose_requester(a.agent);
        } else if constexpr (std::is_same_v<A, act::ChooseDelivery>) {
          assisted_.choose_delivery(a.delivery);
        } else if constexpr (std::is_same_v<A, act::SendAccessRequest>) {
          if (assisted_.step() != AssistedStep::AccessRequest || !assisted_.delivery()) return;
          auto record = consent::record_access_request(*settings_.model, *client_state_,
                                                       assisted_.requester_is_agent(), context());
          if (record) record->delivery = assisted_.delivery();
          assisted_.leave_step();
          request_record(std::move(record));
        } else if constexpr (std::is_same_v<A, act::Back>) {
          assisted_.leave_step();
        } else if constexpr (std::is_same_v<A, act::ContinueWithClient>) {
          if (screen_ != Screen::Saved || !saved_ || !client_state_) return;
          // The record just saved is now the client's state; an access request changes no choice.
          if (saved_->kind != consent::EventKind::AccessRequest) {
            client_state_->decisions = saved_->decisions;
            client_state_->agent = saved_->agent;
          }
          client_state_->policy_version_seen = saved_->policy_version;
          client_state_->needs_review = false;
          draft_ = client_state_->decisions;
          saved_.reset();
          notice_.reset();
          screen_ = Screen::Choices;
        }
      },
      action);
}

}  // namespace kiosk
