#pragma once
// The client session as a state machine. The view shows `screen()` and reports what the person
// did as a SessionAction; every rule about what happens next lives here.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kiosk/core/assisted_session.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/consent/consent_model.hpp"
#include "kiosk/core/consent/consent_rules.hpp"
#include "kiosk/core/consent/withdrawal.hpp"
#include "kiosk/core/identity/aamva_error.hpp"
#include "kiosk/core/identity/id_document.hpp"
#include "kiosk/core/language.hpp"

namespace kiosk {

enum class Screen {
  Welcome,          // attract screen: choose a language, start
  ScanId,           // waiting for the client's ID barcode
  ConfirmIdentity,  // "Is this you?" with the name read from the card
  Policy,           // the privacy policy, in the client's language
  Choices,          // the client's consent choices, current state first
  Saved,            // receipt: what was recorded, after the commit returned
  OutOfService,     // the kiosk cannot record consents safely; a tech must look
  // What withdrawing would end, and "Yes, withdraw" or "Keep my choices": nothing is written
  // before the client confirms.
  ConfirmWithdrawal,
};

std::string_view to_string(Screen screen);

namespace action {
struct ChooseLanguage {
  Language language;
};
// Starts a session, optionally in the language whose button was touched.
struct Begin {
  std::optional<Language> language;
};
struct Cancel {};
// The client says the name shown is theirs, or is not.
struct ConfirmIdentity {};
struct RejectIdentity {};
struct ContinueToChoices {};
struct ReadPolicy {};
struct SetDecision {
  std::string item_id;
  consent::Decision decision;
};
struct SaveChoices {};
struct WithdrawAll {};
struct RequestAccess {};
struct Done {};
// Any touch at all: it keeps the session alive without changing anything else.
struct Touch {};
// On the withdrawal's confirmation: go ahead, or go back to the choices with nothing written.
struct ConfirmWithdrawal {};
struct KeepChoices {};
// The policy screen opens on its summary; this shows the whole text.
struct ReadFullPolicy {};
}  // namespace action

using SessionAction =
    std::variant<action::ChooseLanguage, action::Begin, action::Cancel, action::ConfirmIdentity,
                 action::RejectIdentity, action::ContinueToChoices, action::ReadPolicy, action::SetDecision,
                 action::SaveChoices, action::WithdrawAll, action::RequestAccess, action::Done, action::Touch,
                 action::ConfirmWithdrawal, action::KeepChoices, action::ReadFullPolicy>;

// Why a scanned card was not accepted. The client sees `message()` and tries again.
struct ScanRefusal {
  // Expired refuses an agent's card only: an expired client card may still see and withdraw.
  enum class Reason { Unreadable, Expired, UnderAge };
  Reason reason;
  identity::AamvaErrc unreadable_code{};  // set when reason is Unreadable
  int required_age = 0;                   // set when reason is UnderAge

  Bilingual message() const;
  std::string_view code() const;  // stable, for logs: never the card's content
};

// A record the session wants committed. The app commits it (the store is I/O, not a rule) and
// reports back with on_record_saved or on_record_failed; until then the session waits.
struct PendingRecord {
  consent::ConsentRecord record;
  // An agent's designation: the agent's card, to be sealed for head office only (wiped when dropped).
  std::unique_ptr<identity::IdDocument> agent_identity;
};

// Whose record of the client's choices the session shows. Head office is the authority; a kiosk
// that cannot reach it says so on screen.
enum class ClientStateOrigin {
  HeadOffice,     // head office's answer, merged with this kiosk's records
  ThisKiosk,      // a kiosk with no head office (demo): its own records are all there is
  KioskFallback,  // head office could not be reached or answered badly: this kiosk's records only
};

struct SessionSettings {
  Language default_language = Language::English;
  // A walked-away client's screen clears itself after this long without a touch.
  std::chrono::seconds inactivity_timeout{60};
  // The policy the kiosk presents. Without one, a confirmed client cannot go further.
  const consent::ConsentModel* model = nullptr;
  // The associate running an assisted session; empty when the client is alone.
  std::string associate_id;
};

class KioskSession {
 public:
  KioskSession(const Clock& clock, SessionSettings settings);

  void apply(const SessionAction& action);
  // An associate signed in on staff mode starts a client's session at their side (session_assisted.cpp).
  void begin_assisted(std::string associate_id, Language language);
  void apply(const AssistedAction& action);
  const AssistedFlow& assisted() const { return assisted_; }
  // The associate whose assisted session just ended (done, cancelled, timed out), once.
  std::optional<std::string> take_assisted_ended();
  // A complete barcode from any scanner. Accepted on the welcome and scan screens only: a card
  // swiped while someone else's session is on screen must not replace their identity.
  void on_scan(std::span<const std::uint8_t> payload);
  // Clears an abandoned session. Returns true when that changed what is on screen.
  bool tick();
  // The policy to present, once the store that records it is open.
  void attach_model(const consent::ConsentModel& model) { settings_.model = &model; }
  // Takes the kiosk out of service; `reason` is shown to the client and the tech.
  void go_out_of_service(BilingualText reason = {});
  // A tech found the fault gone: the welcome screen again, without a restart.
  void return_to_service();

  // After ConfirmIdentity the session needs the client's current choices from the store.
  bool wants_client_state() const { return wants_client_state_; }
  void provide_client_state(consent::CurrentConsent current,
                            ClientStateOrigin origin = ClientStateOrigin::ThisKiosk);
  // The record to commit, once; empty when there is none.
  std::optional<PendingRecord> take_pending_record();
  // `committed` is the pending record as the store stamped it (id, time).
  void on_record_saved(consent::ConsentRecord committed);
  void on_record_failed(BilingualText reason);

  Screen screen() const { return screen_; }
  Language language() const { return language_; }
  // The identity read from the card, while the session holds one (wiped on reset).
  const identity::IdDocument* identity() const { return identity_.get(); }
  const std::optional<ScanRefusal>& scan_refusal() const { return refusal_; }
  const consent::ConsentModel* model() const { return settings_.model; }
  // The client's choices as they stand on the choices screen (saved state plus unsaved changes).
  const std::vector<consent::ItemDecision>& draft() const { return draft_; }
  const std::optional<consent::CurrentConsent>& client_state() const { return client_state_; }
  ClientStateOrigin client_state_origin() const { return client_state_origin_; }
  // The last committed record, for the receipt.
  const std::optional<consent::ConsentRecord>& saved_record() const { return saved_; }
  // Why a choice was refused (e.g. credit checks need an associate).
  const std::optional<Bilingual>& notice() const { return notice_; }
  bool waiting_for_store() const { return wants_client_state_ || awaiting_commit_; }
  const BilingualText& out_of_service_reason() const { return out_of_service_reason_; }
  // Changes whenever the session is cleared: work started for one client (a lookup, a commit)
  // that finishes after they left must not reach the next one.
  std::uint64_t serial() const { return serial_; }
  // What confirming the withdrawal would end; empty consequences before the client state is known.
  consent::WithdrawalConsequences withdrawal_consequences() const;
  // The card read has expired: the client may see and withdraw their choices, never grant one.
  bool card_expired() const { return card_expired_; }
  // On the policy screen: the whole text rather than the summary it opens on.
  bool showing_full_policy() const { return showing_full_policy_; }
  // How long until tick() would clear the session; empty when nothing is pending.
  std::optional<std::chrono::milliseconds> time_until_reset() const;

 private:
  void reset();
  // Assisted mode's say on a client action (an access request asks who and how first).
  bool redirect_to_assisted_step(const SessionAction& action);
  bool has_unsaved_changes() const;
  void begin_assisted_access_request();
  void end_assisted() noexcept;

  const Clock& clock_;
  SessionSettings settings_;
  Screen screen_ = Screen::Welcome;
  Language language_;
  std::chrono::steady_clock::time_point last_activity_;
  void set_decision(const action::SetDecision& change);
  void request_record(Expected<consent::ConsentRecord, consent::RuleError> record);
  consent::SessionContext context() const;

  std::unique_ptr<identity::IdDocument> identity_;
  std::optional<ScanRefusal> refusal_;
  bool wants_client_state_ = false;
  bool awaiting_commit_ = false;
  std::optional<consent::CurrentConsent> client_state_;
  ClientStateOrigin client_state_origin_ = ClientStateOrigin::ThisKiosk;
  std::vector<consent::ItemDecision> draft_;
  std::optional<PendingRecord> pending_;
  std::optional<consent::ConsentRecord> saved_;
  std::optional<Bilingual> notice_;
  bool card_expired_ = false;
  bool showing_full_policy_ = false;
  BilingualText out_of_service_reason_;
  std::uint64_t serial_ = 1;
  AssistedFlow assisted_;
  std::optional<std::string> assisted_ended_;
};

}  // namespace kiosk
