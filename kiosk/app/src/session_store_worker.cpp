#include "kiosk/app/session_store_worker.hpp"

#include "kiosk/receipt/receipt_code.hpp"

#include <sodium.h>

#include <exception>

namespace kiosk {
namespace {

void wipe(std::string& text) {
  sodium_memzero(text.data(), text.size());
  text.clear();
}

void wipe(consent::ClientIdentity& identity) {
  for (std::string* field : {&identity.issuer, &identity.document_number, &identity.family_name,
                             &identity.given_names, &identity.date_of_birth}) {
    wipe(*field);
  }
}

}  // namespace

SessionStoreWorker::SessionStoreWorker(std::unique_ptr<store::ConsentService> service,
                                       std::unique_ptr<sync::HttpsTransport> head_office_transport,
                                       Logger& logger, std::function<void()> on_reply)
    : service_(std::move(service)),
      transport_(std::move(head_office_transport)),
      logger_(logger),
      on_reply_(std::move(on_reply)) {
  const store::KioskKeys& keys = service_->keys();
  if (transport_ && keys.trust) {
    head_office_.emplace(service_->kiosk_id(), keys.signing, keys.trust->identity, *transport_);
  }
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

void SessionStoreWorker::commit(std::uint64_t serial, consent::ConsentRecord draft) {
  enqueue(Commit{serial, std::move(draft)});
}

void SessionStoreWorker::forget_client() {
  enqueue(Forget{});
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
  if (!client_ || client_serial_ != request.serial) {
    return reply(RecordCommitted{
        request.serial, fail(store::StoreError{store::StoreErrc::Internal, "commit without a client"}), {}});
  }
  auto committed = service_->commit_record(*client_, std::move(request.draft));
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
  return std::visit(
      [&](auto& answer) {
        using T = std::decay_t<decltype(answer)>;
        if (answer.serial != session.serial()) return false;  // that client has gone
        if constexpr (std::is_same_v<T, ClientLooked>) {
          if (!answer.current) {
            logger.error("app", std::string("client lookup: ") +
                                    std::string(store::to_string(answer.current.error().code)));
            session.go_out_of_service(answer.current.error().explanation());
            return true;
          }
          session.provide_client_state(std::move(*answer.current), answer.origin);
        } else {
          if (!answer.record) {
            logger.error("app", std::string("commit failed: ") +
                                    std::string(store::to_string(answer.record.error().code)));
            session.on_record_failed(answer.record.error().explanation());
            return true;
          }
          logger.info("app", "committed " + answer.record->id);
          session.on_record_saved(std::move(*answer.record));
        }
        return true;
      },
      reply);
}

}  // namespace kiosk
