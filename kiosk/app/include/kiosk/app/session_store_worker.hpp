#pragma once
// The session's store requests on a thread of their own, so that a frame never waits on disk,
// crypto or the network: looking a client up (the slow client hash, this kiosk's history, and
// head office's answer when the kiosk is enrolled) and committing a record (an fsync). The app
// sends explicit requests and takes replies each turn; each carries the session's serial, so a
// reply for a client who has left never reaches the next one.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>

#include "kiosk/app/staff_diagnostics.hpp"
#include "kiosk/core/consent/consent_rules.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/core/staff/staff_session.hpp"
#include "kiosk/store/audit_log.hpp"
#include "kiosk/store/consent_service.hpp"
#include "kiosk/sync/client_state_lookup.hpp"

namespace kiosk {

struct ClientLooked {
  std::uint64_t serial = 0;
  Expected<consent::CurrentConsent, store::StoreError> current;
  ClientStateOrigin origin = ClientStateOrigin::ThisKiosk;
};

struct RecordCommitted {
  std::uint64_t serial = 0;
  // The record as the store stamped it (id, time), once committed.
  Expected<consent::ConsentRecord, store::StoreError> record;
  // The receipt's code signed with the kiosk's key (receipt_code.hpp); empty when signing failed.
  std::string receipt_code;
};

// The verdict on a staff PIN; empty when the store could not check it.
struct PinChecked {
  std::uint64_t serial = 0;
  std::optional<staff::PinVerdict> verdict;
};

struct Diagnosed {
  StaffDiagnostics report;
};

using StoreReply = std::variant<ClientLooked, RecordCommitted, PinChecked, Diagnosed>;

class SessionStoreWorker {
 public:
  // `head_office` (with the transport it uses) is empty for a kiosk that is not enrolled.
  // `on_reply` runs on the worker's thread after each reply is queued (e.g. Platform::wake).
  SessionStoreWorker(std::unique_ptr<store::ConsentService> service,
                     std::unique_ptr<sync::HttpsTransport> head_office_transport, const Clock& clock,
                     Logger& logger, std::function<void()> on_reply);
  // Staff requests only, for a kiosk whose consent store did not open: PINs are checked and
  // staff actions audited in `database` (opened on the worker's thread, if it exists), so that
  // a tech can still sign in and return the kiosk to service. Client requests fail.
  SessionStoreWorker(std::filesystem::path database, std::string kiosk_id, bool enrolled, const Clock& clock,
                     Logger& logger, std::function<void()> on_reply);
  // Finishes the request in hand (a commit is never cut short), then stops.
  ~SessionStoreWorker();
  SessionStoreWorker(const SessionStoreWorker&) = delete;
  SessionStoreWorker& operator=(const SessionStoreWorker&) = delete;

  void look_up(std::uint64_t serial, consent::ClientIdentity identity);
  // `agent`: an agent's designation carries the agent's card, sealed for head office only.
  void commit(std::uint64_t serial, consent::ConsentRecord draft,
              std::unique_ptr<identity::IdDocument> agent = nullptr);
  // The session was cleared: the client's identity leaves memory.
  void forget_client();
  // Staff mode: a PIN to verify (audited by the store), a staff action to audit, a fresh look
  // at the kiosk's health for the staff screens.
  void check_pin(staff::PinCheckRequest request);
  void record_staff_action(store::AuditEntry entry);
  void diagnose();
  std::optional<StoreReply> take_reply();
  // A request is waiting or in hand.
  bool busy() const;

 private:
  struct LookUp {
    std::uint64_t serial;
    consent::ClientIdentity identity;
  };
  struct Commit {
    std::uint64_t serial;
    consent::ConsentRecord draft;
    std::unique_ptr<identity::IdDocument> agent;  // wipes itself when dropped
  };
  struct Forget {};
  struct CheckPin {
    staff::PinCheckRequest request;
  };
  struct Audit {
    store::AuditEntry entry;
  };
  struct Diagnose {};
  using Request = std::variant<LookUp, Commit, Forget, CheckPin, Audit, Diagnose>;

  void run() noexcept;
  void handle(LookUp& request);
  void handle(Commit& request);
  void handle(Forget&);
  void handle(CheckPin& request);
  void handle(Audit& request);
  void handle(Diagnose&);
  void reply(StoreReply reply);
  void enqueue(Request request);
  // The consent store's connection, or the staff-only one (opened on first use); null when
  // the database cannot be opened.
  store::SqliteDatabase* staff_database();

  std::unique_ptr<store::ConsentService> service_;  // null in staff-only mode
  std::filesystem::path staff_only_database_;
  std::string staff_only_kiosk_id_;
  bool staff_only_enrolled_ = false;
  std::optional<store::SqliteDatabase> staff_only_db_;
  const Clock& clock_;
  std::unique_ptr<sync::HttpsTransport> transport_;
  std::optional<sync::ClientStateLookup> head_office_;
  Logger& logger_;
  std::function<void()> on_reply_;
  // The client of the current session, resolved once (the slow hash is paid at the look-up).
  std::optional<std::uint64_t> client_serial_;
  std::unique_ptr<store::ClientHandle> client_;

  mutable std::mutex mutex_;
  std::condition_variable wakeup_;
  std::deque<Request> requests_;
  std::deque<StoreReply> replies_;
  bool working_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything above exists
};

// Hands a reply to the session: the client's state, the saved record, or the reason to go out
// of service. A reply for another session (serial) is dropped. Returns true when the screen may
// have changed.
bool deliver_store_reply(KioskSession& session, StoreReply reply, Logger& logger);

}  // namespace kiosk
