#include "kiosk/core/session.hpp"

#include <type_traits>

#include "kiosk/core/identity/aamva_parser.hpp"
#include "kiosk/core/identity/age_of_majority.hpp"

namespace kiosk {

std::string_view to_string(Screen screen) {
  switch (screen) {
    case Screen::Welcome: return "welcome";
    case Screen::ScanId: return "scan-id";
    case Screen::ConfirmIdentity: return "confirm-identity";
    case Screen::Policy: return "policy";
    case Screen::Choices: return "choices";
    case Screen::Saved: return "saved";
    case Screen::OutOfService: return "out-of-service";
    case Screen::ConfirmWithdrawal: return "confirm-withdrawal";
  }
  return "unknown";
}

KioskSession::KioskSession(const Clock& clock, SessionSettings settings)
    : clock_(clock),
      settings_(settings),
      language_(settings.default_language),
      last_activity_(clock.steady_now()) {}

void KioskSession::apply(const SessionAction& action) {
  // Out of service is left only by a restart after a tech has looked: no client action may
  // bring back a kiosk that cannot save consents.
  if (screen_ == Screen::OutOfService) return;
  last_activity_ = clock_.steady_now();
  // While the store works on this client's record, only the language may change: a second
  // touch on "Save" must not record twice.
  if (waiting_for_store() && !std::holds_alternative<action::ChooseLanguage>(action) &&
      !std::holds_alternative<action::Touch>(action)) {
    return;
  }
  if (redirect_to_assisted_step(action)) return;
  std::visit(
      [this](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, action::ChooseLanguage>) {
          language_ = a.language;
        } else if constexpr (std::is_same_v<A, action::Begin>) {
          if (screen_ != Screen::Welcome) return;
          if (a.language) language_ = *a.language;
          screen_ = Screen::ScanId;
        } else if constexpr (std::is_same_v<A, action::ConfirmIdentity>) {
          if (screen_ != Screen::ConfirmIdentity || settings_.model == nullptr) return;
          wants_client_state_ = true;
        } else if constexpr (std::is_same_v<A, action::ContinueToChoices>) {
          if (screen_ == Screen::Policy && client_state_) screen_ = Screen::Choices;
        } else if constexpr (std::is_same_v<A, action::ReadPolicy>) {
          if (screen_ != Screen::Choices) return;
          screen_ = Screen::Policy;
          showing_full_policy_ = false;
        } else if constexpr (std::is_same_v<A, action::ReadFullPolicy>) {
          if (screen_ == Screen::Policy) showing_full_policy_ = true;
        } else if constexpr (std::is_same_v<A, action::SetDecision>) {
          if (screen_ == Screen::Choices) set_decision(a);
        } else if constexpr (std::is_same_v<A, action::SaveChoices>) {
          if (screen_ != Screen::Choices) return;
          std::vector<consent::ItemDecision> changes = draft_;
          request_record(consent::record_choices(*settings_.model, *client_state_, changes, context()));
        } else if constexpr (std::is_same_v<A, action::WithdrawAll>) {
          // Nothing is written yet: the client first reads what would end.
          if (screen_ != Screen::Choices) return;
          notice_.reset();
          screen_ = Screen::ConfirmWithdrawal;
        } else if constexpr (std::is_same_v<A, action::ConfirmWithdrawal>) {
          if (screen_ != Screen::ConfirmWithdrawal) return;
          request_record(consent::record_withdrawal(*settings_.model, *client_state_, context()));
        } else if constexpr (std::is_same_v<A, action::KeepChoices>) {
          if (screen_ == Screen::ConfirmWithdrawal) screen_ = Screen::Choices;
        } else if constexpr (std::is_same_v<A, action::RequestAccess>) {
          if (screen_ != Screen::Choices) return;
          request_record(consent::record_access_request(*settings_.model, *client_state_, false, context()));
        } else if constexpr (std::is_same_v<A, action::Done>) {
          if (screen_ == Screen::Saved) reset();
        } else if constexpr (std::is_same_v<A, action::RejectIdentity>) {
          // Not their card: forget it at once and let them scan again.
          if (screen_ != Screen::ConfirmIdentity) return;
          identity_.reset();
          screen_ = Screen::ScanId;
        } else if constexpr (std::is_same_v<A, action::Cancel>) {
          reset();
        }
      },
      action);
}

void KioskSession::on_scan(std::span<const std::uint8_t> payload) {
  if (assisted_.step() == AssistedStep::AgentScan) {
    last_activity_ = clock_.steady_now();
    assisted_.on_agent_scan(payload, clock_.today(), identity_.get());
    return;
  }
  if (screen_ != Screen::Welcome && screen_ != Screen::ScanId) return;
  last_activity_ = clock_.steady_now();
  screen_ = Screen::ScanId;
  auto parsed = identity::parse_aamva(payload, clock_.today());
  if (!parsed) {
    refusal_ = ScanRefusal{ScanRefusal::Reason::Unreadable, parsed.error().code, 0};
    return;
  }
  // The parser refuses a card without a birth date, so one is always here. A minor is refused
  // before the identity is kept: nothing of theirs outlives the parse.
  if (!identity::has_reached_majority(*parsed->date_of_birth, parsed->issuer, clock_.today())) {
    refusal_ = ScanRefusal{ScanRefusal::Reason::UnderAge, {}, identity::age_of_majority(parsed->issuer)};
    return;
  }
  refusal_.reset();
  // An expired card still names its holder: they may see and withdraw their choices, and the
  // consent half of the session refuses anything that would grant one.
  card_expired_ = parsed->expired;
  identity_ = std::make_unique<identity::IdDocument>(std::move(parsed).value());
  screen_ = Screen::ConfirmIdentity;
}

bool KioskSession::tick() {
  auto remaining = time_until_reset();
  if (!remaining || remaining->count() > 0) return false;
  reset();
  return true;
}

void KioskSession::go_out_of_service(BilingualText reason) {
  reset();
  out_of_service_reason_ = std::move(reason);
  screen_ = Screen::OutOfService;
}

void KioskSession::return_to_service() {
  if (screen_ != Screen::OutOfService) return;
  out_of_service_reason_ = {};
  reset();
}

std::optional<std::chrono::milliseconds> KioskSession::time_until_reset() const {
  // The welcome screen holds nothing about anyone, except a language choice worth resetting.
  if (screen_ == Screen::OutOfService) return std::nullopt;
  if (screen_ == Screen::Welcome && language_ == settings_.default_language) return std::nullopt;
  auto deadline = last_activity_ + settings_.inactivity_timeout;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_.steady_now());
  return left.count() > 0 ? left : std::chrono::milliseconds{0};
}

void KioskSession::reset() {
  end_assisted();
  screen_ = Screen::Welcome;
  identity_.reset();  // IdDocument wipes its own bytes
  refusal_.reset();
  wants_client_state_ = false;
  awaiting_commit_ = false;
  client_state_.reset();
  client_state_origin_ = ClientStateOrigin::ThisKiosk;
  draft_.clear();
  pending_.reset();
  saved_.reset();
  notice_.reset();
  card_expired_ = false;
  showing_full_policy_ = false;
  language_ = settings_.default_language;
  last_activity_ = clock_.steady_now();
  ++serial_;
}

}  // namespace kiosk
