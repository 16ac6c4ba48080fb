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
    case Screen::OutOfService: return "out-of-service";
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
          // Later screens (policy, choices) follow here as they are built.
          if (screen_ != Screen::ConfirmIdentity) return;
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
  if (screen_ != Screen::Welcome && screen_ != Screen::ScanId) return;
  last_activity_ = clock_.steady_now();
  screen_ = Screen::ScanId;
  auto parsed = identity::parse_aamva(payload, clock_.today());
  if (!parsed) {
    refusal_ = ScanRefusal{ScanRefusal::Reason::Unreadable, parsed.error().code, 0};
    return;
  }
  // Expired cards parse (the card was real); the session is where they are refused.
  if (parsed->expired) {
    refusal_ = ScanRefusal{ScanRefusal::Reason::Expired, {}, 0};
    return;
  }
  const int majority = identity::age_of_majority(parsed->issuer);
  if (parsed->age < majority) {
    refusal_ = ScanRefusal{ScanRefusal::Reason::UnderAge, {}, majority};
    return;
  }
  refusal_.reset();
  identity_ = std::make_unique<identity::IdDocument>(std::move(parsed).value());
  screen_ = Screen::ConfirmIdentity;
}

Bilingual ScanRefusal::message() const {
  switch (reason) {
    case Reason::Unreadable: return identity::message(unreadable_code);
    case Reason::Expired:
      return {"This card has expired. Please scan a valid driver’s licence or ID card, or ask a store "
              "associate for help.",
              "Cette carte est expirée. Veuillez balayer un permis de conduire ou une carte "
              "d’identité valide, ou demander l’aide d’un conseiller."};
    case Reason::UnderAge:
      return {"An account holder must be of the age of majority in their province. Please ask a store "
              "associate for help.",
              "Le titulaire d’un compte doit avoir atteint l’âge de la majorité dans sa province. "
              "Veuillez demander l’aide d’un conseiller."};
  }
  return {"", ""};
}

std::string_view ScanRefusal::code() const {
  switch (reason) {
    case Reason::Unreadable: return identity::to_string(unreadable_code);
    case Reason::Expired: return "expired";
    case Reason::UnderAge: return "under-age";
  }
  return "unknown";
}

bool KioskSession::tick() {
  auto remaining = time_until_reset();
  if (!remaining || remaining->count() > 0) return false;
  reset();
  return true;
}

void KioskSession::go_out_of_service() {
  identity_.reset();
  refusal_.reset();
  screen_ = Screen::OutOfService;
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
  screen_ = Screen::Welcome;
  identity_.reset();  // IdDocument wipes its own bytes
  refusal_.reset();
  language_ = settings_.default_language;
  last_activity_ = clock_.steady_now();
}

}  // namespace kiosk
