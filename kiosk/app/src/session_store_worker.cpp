#include "kiosk/app/session_store_worker.hpp"

#include "kiosk/receipt/receipt_code.hpp"

#include <sodium.h>

#include <exception>

#include "kiosk/core/sensitive.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/staff_pins.hpp"

namespace kiosk {
namespace {

// Sooner than the identity's own destructor would: the worker may keep it for a while.
void wipe(consent::ClientIdentity& identity) {
  identity = {};
}

}  // namespace

SessionStoreWorker::SessionStoreWorker(std::unique_ptr<store::ConsentService> service,
                                       std::unique_ptr<sync::HttpsTransport> head_office_transport,
                                       const Clock& clock, Logger& logger, std::function<void()> on_reply)
    : service_(std::move(service)),
      clock_(clock),
      transport_(std::move(head_office_transport)),
      logger_(logger),
      on_reply_(std::move(on_reply)) {
  const store::KioskKeys& keys = service_->keys();
  if (transport_ && keys.trust) {
    head_office_.emplace(service_->kiosk_id(), keys.signing, keys.trust->identity, *transport_);
  }
  thread_ = std::thread([this] { run(); });
}

SessionStoreWorker::SessionStoreWorker(std::filesystem::path database, std::string kiosk_id, bool enrolled,
                                       const Clock& clock, Logger& logger, std::function<void()> on_reply)
    : staff_only_database_(std::move(database)),
      staff_only_kiosk_id_(std::move(kiosk_id)),
      staff_only_enrolled_(enrolled),
      clock_(clock),
      logger_(logger),
      on_reply_(std::move(on_reply)) {
  thread_ = std::thread([this] { run(); });
}

SessionStoreWorker::~SessionStoreWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    // A client waiting on head office is not worth a slow shutdown; a commit in hand still ends.
    if (transport_) transport_->interrupt();
  }
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (client_) wipe(client_->identity);
}

void SessionStoreWorker::enqueue(Request request) {
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(std::move(request));
  }
  wakeup_.notify_all();
}

void SessionStoreWorker::look_up(std::uint64_t serial, consent::ClientIdentity identity) {
  enqueue(LookUp{serial, std::move(identity)});
}

void SessionStoreWorker::commit(std::uint64_t serial, consent::ConsentRecord draft,
                                std::unique_ptr<identity::IdDocument> agent) {
  enqueue(Commit{serial, std::move(draft), std::move(agent)});
}

void SessionStoreWorker::forget_client() {
  enqueue(Forget{});
}

void SessionStoreWorker::check_pin(staff::PinCheckRequest request) {
  enqueue(CheckPin{std::move(request)});
}

void SessionStoreWorker::record_staff_action(store::AuditEntry entry) {
  enqueue(Audit{std::move(entry)});
}

void SessionStoreWorker::diagnose() {
  enqueue(Diagnose{});
}

std::optional<StoreReply> SessionStoreWorker::take_reply() {
  std::lock_guard lock(mutex_);
  if (replies_.empty()) return std::nullopt;
  StoreReply out = std::move(replies_.front());
  replies_.pop_front();
  return out;
}

bool SessionStoreWorker::busy() const {
  std::lock_guard lock(mutex_);
  return working_ || !requests_.empty();
}

void SessionStoreWorker::reply(StoreReply answer) {
  {
    std::lock_guard lock(mutex_);
    replies_.push_back(std::move(answer));
  }
  if (on_reply_) on_reply_();
}

void SessionStoreWorker::handle(LookUp& request) {
  if (!service_) {
    wipe(request.identity);
    return reply(ClientLooked{request.serial,
                              fail(store::StoreError{store::StoreErrc::Internal, "no consent store"}),
                              ClientStateOrigin::ThisKiosk});
  }
  if (client_) wipe(client_->identity);
  client_.reset();
  client_serial_.reset();
  auto identified = service_->identify(request.identity);
  wipe(request.identity);
  if (!identified)
    return reply(ClientLooked{request.serial, fail(identified.error()), ClientStateOrigin::ThisKiosk});
  client_ = std::make_unique<store::ClientHandle>(std::move(*identified));
  client_serial_ = request.serial;
  // The card's province decides the defaults where its law makes privacy the default (Quebec).
  const std::string province = client_->identity.issuer;
  auto local = service_->history(*client_);
  if (!local) return reply(ClientLooked{request.serial, fail(local.error()), ClientStateOrigin::ThisKiosk});
  if (!head_office_) {
    return reply(ClientLooked{request.serial,
                              consent::derive_current_state(service_->model(), *local, province),
                              ClientStateOrigin::ThisKiosk});
  }
  // Head office is the authority; this kiosk's own records fill in what it has not received yet.
  auto box_key = service_->head_office_box_key();
  if (!box_key)
    return reply(ClientLooked{request.serial, fail(box_key.error()), ClientStateOrigin::ThisKiosk});
  auto answer = head_office_->ask(client_->identity, *box_key);
  if (!answer) {
    logger_.warn("session", std::string("head office's record not available: ") +
                                std::string(sync::to_string(answer.error().code)) + " " +
                                answer.error().detail);
    return reply(ClientLooked{request.serial,
                              consent::derive_current_state(service_->model(), *local, province),
                              ClientStateOrigin::KioskFallback});
  }
  const auto merged = consent::merge_histories(std::move(answer->records), *local);
  reply(ClientLooked{request.serial, consent::derive_current_state(service_->model(), merged, province),
                     ClientStateOrigin::HeadOffice});
}

void SessionStoreWorker::handle(Commit& request) {
  if (!service_ || !client_ || client_serial_ != request.serial) {
    return reply(RecordCommitted{
        request.serial, fail(store::StoreError{store::StoreErrc::Internal, "commit without a client"}), {}});
  }
  // The agent's card as head office reads it, for the length of the sealing only.
  std::optional<consent::AgentIdentity> agent;
  if (request.agent) {
    agent = consent::AgentIdentity{request.agent->family_name, request.agent->given_names,
                                   request.agent->issuer, request.agent->document_number};
    request.agent.reset();
  }
  auto committed = service_->commit_record(*client_, std::move(request.draft), agent);
  agent.reset();  // its fields wipe themselves: sooner than the end of this function
  std::string code;
  if (committed) {
    // Signed here, where the key is: the UI thread never holds the kiosk's secret.
    auto signed_code = receipt::sign_receipt_code(*committed, service_->kiosk_id(), service_->keys().signing);
    if (signed_code) {
      code = std::move(*signed_code);
    } else {
      logger_.error("session", "receipt code: " + signed_code.error().detail);
    }
  }
  reply(RecordCommitted{request.serial, std::move(committed), std::move(code)});
}

void SessionStoreWorker::handle(Forget&) {
  if (client_) wipe(client_->identity);
  client_.reset();
  client_serial_.reset();
}

store::SqliteDatabase* SessionStoreWorker::staff_database() {
  if (service_) return &service_->database();
  if (!staff_only_db_) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(staff_only_database_, ec)) return nullptr;
    auto opened = store::open_service_database(staff_only_database_);
    if (!opened) {
      logger_.error("staff", "staff-only database: " + opened.error().detail);
      return nullptr;
    }
    staff_only_db_.emplace(std::move(*opened));
  }
  return &*staff_only_db_;
}

void SessionStoreWorker::handle(CheckPin& check) {
  store::SqliteDatabase* db = staff_database();
  if (db == nullptr) {
    wipe(check.request.pin);
    return reply(PinChecked{check.request.serial, std::nullopt});
  }
  store::StaffPins pins(*db, clock_);
  auto verdict = pins.verify(check.request.staff_id, check.request.pin);
  wipe(check.request.pin);
  if (!verdict) {
    logger_.error("staff", std::string("PIN check: ") + std::string(store::to_string(verdict.error().code)) +
                               " " + verdict.error().detail);
    return reply(PinChecked{check.request.serial, std::nullopt});
  }
  logger_.info("staff",
               "PIN check for " + check.request.staff_id + ": " + std::string(to_string(verdict->code)));
  reply(PinChecked{check.request.serial, *verdict});
}

void SessionStoreWorker::handle(Audit& request) {
  store::SqliteDatabase* db = staff_database();
  if (db == nullptr) {
    logger_.error("staff", "audit: no database to write to");
    return;
  }
  auto recorded = [&]() -> Status<store::StoreError> {
    auto transaction = store::Transaction::begin(*db);
    if (!transaction) return fail(transaction.error());
    if (auto appended = store::AuditLog(*db).append(request.entry, clock_.now()); !appended) return appended;
    return transaction->commit();
  }();
  if (!recorded) logger_.error("staff", "audit: " + recorded.error().detail);
}

void SessionStoreWorker::handle(Diagnose&) {
  if (service_) {
    return reply(Diagnosed{gather_staff_diagnostics(service_->database(), service_->kiosk_id(),
                                                    &service_->keys(), service_->keys().trust.has_value())});
  }
  store::SqliteDatabase* db = staff_database();
  if (db == nullptr) {
    StaffDiagnostics report;
    report.kiosk_id = staff_only_kiosk_id_;
    report.enrolled = staff_only_enrolled_;
    report.database_check = "cannot open " + staff_only_database_.string();
    return reply(Diagnosed{std::move(report)});
  }
  reply(Diagnosed{gather_staff_diagnostics(*db, staff_only_kiosk_id_, nullptr, staff_only_enrolled_)});
}

void SessionStoreWorker::run() noexcept {
  for (;;) {
    Request request;
    {
      std::unique_lock lock(mutex_);
      wakeup_.wait(lock, [this] { return stopping_ || !requests_.empty(); });
      if (requests_.empty()) return;  // stopping, nothing left
      request = std::move(requests_.front());
      requests_.pop_front();
      working_ = true;
    }
    try {
      std::visit([this](auto& r) { handle(r); }, request);
    } catch (const std::exception& e) {
      logger_.error("session", std::string("store worker: ") + e.what());
    } catch (...) {
      logger_.error("session", "store worker: unknown exception");
    }
    std::lock_guard lock(mutex_);
    working_ = false;
  }
}

bool deliver_store_reply(KioskSession& session, StoreReply reply, Logger& logger) {
  if (auto* looked = std::get_if<ClientLooked>(&reply)) {
    if (looked->serial != session.serial()) return false;  // that client has gone
    if (!looked->current) {
      logger.error("app", std::string("client lookup: ") +
                              std::string(store::to_string(looked->current.error().code)));
      session.go_out_of_service(looked->current.error().explanation());
      return true;
    }
    session.provide_client_state(std::move(*looked->current), looked->origin);
    return true;
  }
  if (auto* committed = std::get_if<RecordCommitted>(&reply)) {
    if (committed->serial != session.serial()) return false;
    if (!committed->record) {
      logger.error("app", std::string("commit failed: ") +
                              std::string(store::to_string(committed->record.error().code)));
      session.on_record_failed(committed->record.error().explanation());
      return true;
    }
    logger.info("app", "committed " + committed->record->id);
    session.on_record_saved(std::move(*committed->record));
    return true;
  }
  return false;  // staff mode's replies: the app hands those over itself
}

}  // namespace kiosk
