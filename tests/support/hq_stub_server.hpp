#pragma once
// A small head office on 127.0.0.1 for the kiosk's tests: a real HTTPS server (cpp-httplib)
// speaking sync/PROTOCOL.md through Kiosk::protocol and kiosk/seal. It stands in until consent-hq
// can be started from the tests; keep it to what the protocol says, so that swapping it for the
// real one changes no test's expectations. It also injects faults: statuses with Retry-After,
// and replies lost after the records were stored.

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "enrolled_kiosk.hpp"
#include "https_test_server.hpp"
#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/protocol/certificate_pin.hpp"
#include "kiosk/protocol/enrollment.hpp"
#include "kiosk/protocol/messages.hpp"
#include "kiosk/protocol/request_signature.hpp"
#include "kiosk/seal/envelope.hpp"

class HqStubServer {
 public:
  // What the next upload request gets instead of the normal answer.
  struct Fault {
    int status = 0;           // answer this status (with an error body), storing nothing
    std::string retry_after;  // and this Retry-After header, when not empty
    bool lose_reply = false;  // store the records normally, then cut the connection mid-reply
  };

  explicit HqStubServer(TestHeadOffice keys = {}) : keys_(std::move(keys)), https_(keys_.tls) {
    ring_.add(keys_.box);
    httplib::SSLServer* server = &https_.routes();
    server->set_pre_routing_handler([this](const httplib::Request& request, httplib::Response&) {
      std::lock_guard lock(mutex_);
      ++requests_[request.path];
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server->Get(
        std::string(kiosk::protocol::kHealthPath), [](const httplib::Request&, httplib::Response& res) {
          res.set_content(kiosk::protocol::to_json(kiosk::protocol::Health{"consent-hq", "stub", "now"}),
                          "application/json");
        });
    server->Post(std::string(kiosk::protocol::kEnrollPath),
                 [this](const httplib::Request& req, httplib::Response& res) { enroll(req, res); });
    server->Post(std::string(kiosk::protocol::kRecordsPath),
                 [this](const httplib::Request& req, httplib::Response& res) { upload(req, res); });
    server->Post(std::string(kiosk::protocol::kClientStatePath),
                 [this](const httplib::Request& req, httplib::Response& res) { client_state(req, res); });
    https_.start();
  }
  HqStubServer(const HqStubServer&) = delete;
  HqStubServer& operator=(const HqStubServer&) = delete;

  std::string url() const { return https_.url(); }
  int port() const { return https_.port(); }
  const TestHeadOffice& keys() const { return keys_; }
  kiosk::protocol::SpkiDigest spki() const {
    return *kiosk::protocol::spki_digest_of_certificate(keys_.tls.certificate_pem);
  }

  kiosk::protocol::EnrollmentToken issue_token(const std::string& kiosk_id) {
    auto token = kiosk::protocol::EnrollmentToken::generate();
    std::lock_guard lock(mutex_);
    tokens_[token.id()] = {kiosk::protocol::EnrollmentToken::from_secret(token.secret()), kiosk_id, false};
    return token;
  }
  // A kiosk whose files the test wrote itself (no provisioning): head office knows its key.
  void register_kiosk(const std::string& kiosk_id, const kiosk::seal::SigningPublicKey& key) {
    std::lock_guard lock(mutex_);
    kiosks_[kiosk_id].insert(key);
  }
  void fail_next_uploads(std::vector<Fault> faults) {
    std::lock_guard lock(mutex_);
    faults_.insert(faults_.end(), faults.begin(), faults.end());
  }
  void set_max_batch_records(std::size_t records) {
    std::lock_guard lock(mutex_);
    max_batch_records_ = records;
  }
  // A new box key: announced in every upload answer from now on; the old one still opens.
  kiosk::seal::BoxKeyPair rotate_box_key() {
    auto next = kiosk::seal::generate_box_key_pair();
    std::lock_guard lock(mutex_);
    ring_.add(next);
    return next;
  }
  // A record of this client made at another kiosk, as head office holds it.
  void add_client_record(const std::string& issuer, const std::string& number,
                         const kiosk::consent::ConsentRecord& record) {
    std::lock_guard lock(mutex_);
    clients_[issuer + "\x1f" + number].push_back(kiosk::consent::to_ledger_json(record));
  }

  // Time spent answering uploads, body parsing included (for benchmarks).
  double seconds_uploading() const {
    std::lock_guard lock(mutex_);
    return std::chrono::duration<double>(uploading_).count();
  }

  std::size_t requests(const std::string& path) const {
    std::lock_guard lock(mutex_);
    auto it = requests_.find(path);
    return it == requests_.end() ? 0 : it->second;
  }
  std::size_t total_requests() const {
    std::lock_guard lock(mutex_);
    std::size_t total = 0;
    for (const auto& [path, count] : requests_) total += count;
    return total;
  }
  std::vector<std::string> stored_ids() const {
    std::lock_guard lock(mutex_);
    return stored_order_;
  }
  std::size_t duplicates() const {
    std::lock_guard lock(mutex_);
    return duplicates_;
  }
  std::vector<kiosk::seal::EnvelopeHeader> stored_headers() const {
    std::lock_guard lock(mutex_);
    return headers_;
  }

 private:
  struct Token {
    kiosk::protocol::EnrollmentToken token;
    std::string kiosk_id;
    bool used = false;
  };

  static void refuse(httplib::Response& res, int status, const std::string& code) {
    res.status = status;
    res.set_content(kiosk::protocol::to_json(kiosk::protocol::ErrorBody{code, code}), "application/json");
  }

  // The kiosk that signed the request, or empty (the caller has the lock).
  std::optional<std::string> authenticated(const httplib::Request& req) {
    const std::string kiosk_id = req.get_header_value(std::string(kiosk::protocol::kKioskIdHeader));
    const std::string signature = req.get_header_value(std::string(kiosk::protocol::kKioskSignatureHeader));
    auto known = kiosks_.find(kiosk_id);
    if (known == kiosks_.end()) return std::nullopt;
    for (const auto& key : known->second) {
      if (kiosk::protocol::request_signature_holds(signature, "POST", req.path, req.body, key))
        return kiosk_id;
    }
    return std::nullopt;
  }

  void enroll(const httplib::Request& req, httplib::Response& res) {
    auto request = kiosk::protocol::parse_enroll_request(req.body);
    if (!request) return refuse(res, 400, "malformed");
    std::lock_guard lock(mutex_);
    auto found = tokens_.find(request->token_id);
    if (found == tokens_.end()) return refuse(res, 403, "token-unknown");
    Token& token = found->second;
    const auto proof =
        kiosk::protocol::enrollment_proof(token.token, token.kiosk_id, request->signing_public_key, spki());
    if (request->kiosk_id != token.kiosk_id || !kiosk::seal::equal_secret(proof, request->proof)) {
      return refuse(res, 403, "proof-mismatch");
    }
    if (token.used) return refuse(res, 403, "token-used");
    token.used = true;
    kiosks_[token.kiosk_id].insert(request->signing_public_key);
    kiosk::protocol::EnrollGrant grant;
    grant.kiosk_id = token.kiosk_id;
    grant.head_office_signing_key = keys_.identity.public_key;
    for (const auto& pair : ring_.keys()) grant.box_keys.push_back(kiosk::seal::head_office_key_of(pair));
    grant.certificate_pem = keys_.tls.certificate_pem;
    grant.issued_at = "2026-11-28T00:00:00.000Z";
    res.set_content(kiosk::protocol::sealed_grant_body(grant, token.token), "application/json");
  }

  using Opened = kiosk::Expected<kiosk::seal::OpenedEnvelope, kiosk::seal::EnvelopeError>;

  // As head office does: a run of the kiosk's chain is checked by its last signature.
  std::vector<Opened> open_upload(const kiosk::protocol::UploadBatch& batch) {
    std::vector<Opened> opened;
    for (const auto& item : batch.records) {
      opened.push_back(opener_.open(item.envelope, ring_, kiosk::seal::SignatureCheck::Later));
    }
    bool next_authentic = false;
    for (std::size_t i = opened.size(); i-- > 0;) {
      if (!opened[i]) {
        next_authentic = false;
        continue;
      }
      const bool vouched = next_authentic && kiosk::seal::vouches_for(*opened[i + 1], *opened[i]);
      next_authentic = vouched || kiosk::seal::signature_holds(*opened[i]);
      if (!next_authentic)
        opened[i] = kiosk::fail(kiosk::seal::EnvelopeError{kiosk::seal::EnvelopeErrc::BadSignature});
    }
    return opened;
  }

  kiosk::protocol::RecordResult take(const std::string& kiosk_id, const kiosk::protocol::UploadItem& item,
                                     const Opened& opened) {
    using kiosk::protocol::RecordStatus;
    auto rejected = [&](std::string code) {
      return kiosk::protocol::RecordResult{item.record_id, RecordStatus::Rejected, code, code};
    };
    if (!opened) return rejected(std::string(kiosk::seal::to_string(opened.error().code)));
    if (opened->header.kiosk_id != kiosk_id) return rejected("wrong-kiosk");
    if (!kiosks_[kiosk_id].contains(opened->header.signer)) return rejected("wrong-signer");
    if (opened->header.record_id != item.record_id) return rejected("id-mismatch");
    auto payload = kiosk::consent::parse_envelope_json(opened->payload);
    if (!payload) return rejected("payload-unreadable");
    if (!stored_.insert(kiosk_id + "/" + item.record_id).second) {
      ++duplicates_;
      return {item.record_id, RecordStatus::Duplicate, "", ""};
    }
    stored_order_.push_back(item.record_id);
    headers_.push_back(opened->header);
    clients_[payload->client.issuer + "\x1f" + payload->client.document_number].push_back(
        kiosk::consent::to_ledger_json(payload->record));
    return {item.record_id, RecordStatus::Stored, "", ""};
  }

  void upload(const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    const auto began = std::chrono::steady_clock::now();
    struct Busy {
      std::chrono::steady_clock::time_point began;
      std::chrono::steady_clock::duration& total;
      ~Busy() { total += std::chrono::steady_clock::now() - began; }
    } busy{began, uploading_};
    auto kiosk_id = authenticated(req);
    if (!kiosk_id) return refuse(res, 401, "bad-signature");
    Fault fault;
    if (!faults_.empty()) {
      fault = faults_.front();
      faults_.pop_front();
    }
    if (fault.status != 0) {
      if (!fault.retry_after.empty()) res.set_header("Retry-After", fault.retry_after);
      return refuse(res, fault.status, "injected");
    }
    auto batch = kiosk::protocol::parse_upload_batch(req.body);
    if (!batch) return refuse(res, 400, "malformed");
    if (batch->records.size() > max_batch_records_) return refuse(res, 413, "too-large");
    kiosk::protocol::UploadResponse response;
    const std::vector<Opened> opened = open_upload(*batch);
    for (std::size_t i = 0; i < opened.size(); ++i) {
      response.results.push_back(take(*kiosk_id, batch->records[i], opened[i]));
    }
    response.box_key =
        kiosk::protocol::announce_box_key(kiosk::seal::head_office_key_of(ring_.newest()), keys_.identity);
    const std::string body = kiosk::protocol::to_json(response);
    if (fault.lose_reply) {
      // Committed here, lost on the way back: the connection drops before the body.
      res.set_content_provider(body.size(), "application/json",
                               [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
      return;
    }
    res.set_content(body, "application/json");
  }

  void client_state(const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    if (!authenticated(req)) return refuse(res, 401, "bad-signature");
    auto sealed = kiosk::protocol::parse_client_state_request_body(req.body);
    if (!sealed) return refuse(res, 400, "malformed");
    auto text = kiosk::seal::open_from_kiosk(*sealed, ring_);
    if (!text) return refuse(res, 400, "malformed");
    auto question = kiosk::protocol::parse_client_state_question(*text);
    if (!question) return refuse(res, 400, "malformed");
    ++client_questions_;
    kiosk::protocol::ClientStateAnswer answer{question->nonce, false, {}, "2026-11-28T00:00:00.000Z"};
    auto found = clients_.find(question->issuer + "\x1f" + question->document_number);
    if (found != clients_.end()) {
      answer.known = true;
      answer.records = found->second;
    }
    res.set_content(kiosk::protocol::signed_client_state_answer(answer, keys_.identity), "application/json");
  }

  TestHeadOffice keys_;
  mutable std::mutex mutex_;
  kiosk::seal::BoxKeyring ring_;
  kiosk::seal::EnvelopeOpener opener_;
  std::chrono::steady_clock::duration uploading_{};
  std::map<std::string, Token> tokens_;
  std::map<std::string, std::set<kiosk::seal::SigningPublicKey>> kiosks_;
  std::map<std::string, std::size_t> requests_;
  std::deque<Fault> faults_;
  std::size_t max_batch_records_ = kiosk::protocol::kMaxBatchRecords;
  std::set<std::string> stored_;
  std::vector<std::string> stored_order_;
  std::vector<kiosk::seal::EnvelopeHeader> headers_;
  std::size_t duplicates_ = 0;
  std::size_t client_questions_ = 0;
  std::map<std::string, std::vector<std::string>> clients_;
  HttpsTestServer https_;  // last: stops serving before the state above goes
};
