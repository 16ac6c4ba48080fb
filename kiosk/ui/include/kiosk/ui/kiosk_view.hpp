#pragma once
// The whole kiosk view: one call per frame draws the current screen full-window and returns
// what the person did, if anything. It owns no rules; KioskSession decides what happens next.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/sensitive.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/core/staff/staff_session.hpp"
#include "kiosk/ui/hit_regions.hpp"
#include "kiosk/ui/theme.hpp"

namespace kiosk::ui {

struct ViewModel {
  Screen screen = Screen::Welcome;
  Language language = Language::English;
  std::string store_name;
  // Seconds before an untouched session clears itself; shown as a countdown near the end.
  std::optional<int> seconds_until_reset;
  // What the card says, shown on the confirmation screen. Never logged, never stored.
  struct IdentityShown {
    // Wiped when the model is rebuilt or dropped: a name must not outlive the frame that drew it.
    SensitiveText full_name;
    std::string document_masked;  // "…1234"
    std::string issuer_name;      // "Ontario"
    bool is_licence = true;
  };
  std::optional<IdentityShown> identity;
  // Why the last card was refused, already in the session's language.
  std::string scan_problem;
  // The policy in the session's language. Views into the consent model, which outlives every
  // frame: a 4 KB copy per frame would be work for nothing while the scan screen animates.
  std::string_view policy_text;
  struct ChoiceRow {
    // Notice: needs no consent, shown so the client knows (acknowledged, never a yes).
    enum class Kind { Required, Choice, Right, Notice };
    std::string_view id;
    std::string_view title;
    std::string_view text;
    Kind kind = Kind::Choice;
    bool granted = false;
  };
  std::vector<ChoiceRow> choices;
  bool returning_client = false;
  // Head office (the authority for a client's choices) could not be asked: the choices shown are
  // this kiosk's own record, and the screen says so.
  bool head_office_unreachable = false;
  // A rule's answer to the last touch (e.g. credit checks need an associate), in the session's language.
  std::string notice;
  // The store is working on this client's record: buttons wait.
  bool busy = false;
  // On the withdrawal's confirmation: the titles of the consents that would end.
  struct WithdrawalShown {
    std::vector<std::string> ending;
    bool agent_authority_ends = false;
  };
  std::optional<WithdrawalShown> withdrawal;
  // The card has expired: the choices are shown read-only, and withdrawing is the only change.
  bool card_expired = false;
  // The policy screen opens on the summary; the full text is one touch away.
  bool policy_full_text = false;
  std::string_view policy_summary;
  // For a returning client whose policy version is older: what changed since, newest last.
  std::vector<std::string_view> policy_changes;
  // A returning client whose policy version the change list does not know.
  bool policy_changed_unknown = false;
  // Changes for each new client: every scrolling list starts at its top again.
  std::uint64_t session_serial = 0;
  struct Receipt {
    std::string record_id;
    std::string kind;                                     // "choices", "withdrawal", "access-request"
    std::vector<std::pair<std::string, bool>> decisions;  // item title, granted
    std::vector<std::string> notices;                     // titles of the notices acknowledged
    std::string policy_version;
    // The QR of the receipt's signed code: qr_size x qr_size modules, 1 dark; empty: no code.
    std::vector<std::uint8_t> qr_modules;
    int qr_size = 0;
    // A receipt printer is configured: the screen offers to print.
    bool can_print = false;
    enum class Print { Idle, Printing, Printed, Failed };
    Print print = Print::Idle;
    // Why the last print failed, in the session's language.
    std::string print_message;
  };
  std::optional<Receipt> receipt;
  // Why the kiosk is out of service, already in the technician's words.
  std::string out_of_service_reason;

  // Staff mode, drawn instead of the client's screens while it is open.
  struct StaffShown {
    staff::StaffScreen screen = staff::StaffScreen::Closed;
    Language language = Language::English;
    std::string staff_id;
    std::size_t pin_digits = 0;
    bool checking = false;
    // The keypad's answer to the last attempt.
    staff::KeypadMessage::Kind message = staff::KeypadMessage::Kind::None;
    int locked_minutes = 0;
    // Label and value, in the staff language; empty until the store has answered.
    std::vector<std::pair<std::string, std::string>> status;
    bool kiosk_out_of_service = false;
    bool still_out_of_service = false;
  };
  StaffShown staff;

  // An associate's assisted session: the strip naming them, and the step they are on.
  struct AssistedShown {
    std::string associate_id;  // empty: the client is alone
    AssistedStep step = AssistedStep::None;
    // The agent's card on the authority step, read as the client's is on "Is this you?".
    std::optional<IdentityShown> agent;
    std::string agent_problem;  // why the agent's card was refused, in the session's language
    std::optional<consent::AuthorityDocument> document;
    bool agent_may_ask = false;
    bool requester_is_agent = false;
    std::optional<consent::AnswerDelivery> delivery;
  };
  AssistedShown assisted;
};

struct FrameResult {
  std::optional<SessionAction> action;
  std::optional<staff::StaffAction> staff_action;
  std::optional<AssistedAction> assisted_action;
  // True while something moves on screen, so the loop keeps drawing; otherwise it sleeps.
  bool animating = false;
  // The client asked for their receipt on paper: a device's job, not a session rule.
  bool print_receipt = false;
};

class KioskView {
 public:
  explicit KioskView(Fonts fonts) : fonts_(fonts) {}

  FrameResult draw(const ViewModel& model, double time_seconds);
  const HitRegions& hit_regions() const { return hits_; }

 private:
  Fonts fonts_;
  HitRegions hits_;
};

}  // namespace kiosk::ui
