#include "kiosk/protocol/messages.hpp"

#include <sodium.h>

#include "json_reading.hpp"

namespace kiosk::protocol {

using namespace detail;

namespace {

constexpr std::string_view kBoxKeyDomain = "hq-box-key/1";
constexpr std::string_view kClientStateDomain = "hq-client-state/1";

json box_key_json(const seal::HeadOfficeBoxKey& key) {
  return {{"id", seal::to_hex(key.id)}, {"public", seal::to_hex(key.public_key)}};
}

seal::HeadOfficeBoxKey read_box_key(const json& node) {
  seal::HeadOfficeBoxKey key{need_hex<8>(node, "id"), need_hex<32>(node, "public")};
  if (seal::key_id_of(key.public_key) != key.id) throw Invalid{ParseErrc::BadValue, "id"};
  return key;
}

}  // namespace

std::string_view to_string(ParseErrc code) {
  switch (code) {
    case ParseErrc::NotJson: return "not-json";
    case ParseErrc::MissingField: return "missing-field";
    case ParseErrc::BadValue: return "bad-value";
    case ParseErrc::TooLarge: return "too-large";
  }
  return "parse-error";
}

std::string to_json(const ErrorBody& error) {
  return dump({{"error", {{"code", error.code}, {"message", error.message}}}});
}

Parsed<ErrorBody> parse_error_body(std::string_view body) {
  return parse_json<ErrorBody>(body, [](const json& root) {
    const json& error = need(root, "error");
    return ErrorBody{need_string(error, "code"), need_string(error, "message")};
  });
}

std::string to_json(const Health& health) {
  return dump(
      {{"ok", true}, {"service", health.service}, {"version", health.version}, {"time", health.time}});
}

Parsed<Health> parse_health(std::string_view body) {
  return parse_json<Health>(body, [](const json& root) {
    return Health{need_string(root, "service"), need_string(root, "version"), need_string(root, "time")};
  });
}

std::string to_json(const UploadBatch& batch) {
  json records = json::array();
  for (const auto& item : batch.records) {
    records.push_back({{"id", item.record_id}, {"envelope", seal::to_base64url(item.envelope)}});
  }
  return dump({{"records", std::move(records)}});
}

Parsed<UploadBatch> parse_upload_batch(std::string_view body) {
  return parse_json<UploadBatch>(body, [](const json& root) {
    const json& records = need(root, "records");
    if (!records.is_array()) throw Invalid{ParseErrc::BadValue, "records"};
    if (records.size() > kMaxBatchRecords) throw Invalid{ParseErrc::TooLarge, "records"};
    UploadBatch batch;
    batch.records.reserve(records.size());
    for (const json& record : records) {
      UploadItem item{need_string(record, "id"), need_base64url(record, "envelope")};
      if (item.record_id.empty() || item.record_id.size() > 64) throw Invalid{ParseErrc::BadValue, "id"};
      batch.records.push_back(std::move(item));
    }
    return batch;
  });
}

std::string_view to_string(RecordStatus status) {
  switch (status) {
    case RecordStatus::Stored: return "stored";
    case RecordStatus::Duplicate: return "duplicate";
    case RecordStatus::Rejected: return "rejected";
  }
  return "unknown";
}

BoxKeyAnnouncement announce_box_key(const seal::HeadOfficeBoxKey& key,
                                    const seal::SigningKeyPair& head_office) {
  return {key, seal::sign_parts(kBoxKeyDomain, {key.id, key.public_key}, head_office)};
}

bool announcement_is_genuine(const BoxKeyAnnouncement& announcement,
                             const seal::SigningPublicKey& head_office) {
  return seal::key_id_of(announcement.key.public_key) == announcement.key.id &&
         seal::verify_parts(kBoxKeyDomain, {announcement.key.id, announcement.key.public_key},
                            announcement.signature, head_office);
}

std::string to_json(const UploadResponse& response) {
  json results = json::array();
  for (const auto& result : response.results) {
    json entry = {{"id", result.record_id}, {"status", to_string(result.status)}};
    if (result.status == RecordStatus::Rejected) {
      entry["code"] = result.code;
      entry["message"] = result.message;
    }
    results.push_back(std::move(entry));
  }
  json out = {{"results", std::move(results)}};
  if (response.box_key) {
    json key = box_key_json(response.box_key->key);
    key["signature"] = seal::to_base64url(response.box_key->signature);
    out["box_key"] = std::move(key);
  }
  return dump(out);
}

Parsed<UploadResponse> parse_upload_response(std::string_view body) {
  return parse_json<UploadResponse>(body, [](const json& root) {
    const json& results = need(root, "results");
    if (!results.is_array()) throw Invalid{ParseErrc::BadValue, "results"};
    UploadResponse response;
    for (const json& entry : results) {
      RecordResult result;
      result.record_id = need_string(entry, "id");
      const std::string& status = need_string(entry, "status");
      if (status == "stored") {
        result.status = RecordStatus::Stored;
      } else if (status == "duplicate") {
        result.status = RecordStatus::Duplicate;
      } else if (status == "rejected") {
        result.status = RecordStatus::Rejected;
        result.code = need_string(entry, "code");
        result.message = need_string(entry, "message");
      } else {
        throw Invalid{ParseErrc::BadValue, "status"};
      }
      response.results.push_back(std::move(result));
    }
    if (auto key = root.find("box_key"); key != root.end()) {
      auto signature = need_base64url(*key, "signature");
      if (signature.size() != seal::Signature{}.size()) throw Invalid{ParseErrc::BadValue, "signature"};
      BoxKeyAnnouncement announcement{read_box_key(*key), {}};
      std::copy(signature.begin(), signature.end(), announcement.signature.begin());
      response.box_key = announcement;
    }
    return response;
  });
}

std::string to_json(const ClientStateQuestion& question) {
  return dump({{"kiosk_id", question.kiosk_id},
               {"issuer", question.issuer},
               {"document_number", question.document_number},
               {"nonce", question.nonce}});
}

Parsed<ClientStateQuestion> parse_client_state_question(std::string_view text) {
  return parse_json<ClientStateQuestion>(text, [](const json& root) {
    ClientStateQuestion question{need_string(root, "kiosk_id"), need_string(root, "issuer"),
                                 need_string(root, "document_number"), need_string(root, "nonce")};
    if (!seal::from_hex(question.nonce, 16)) throw Invalid{ParseErrc::BadValue, "nonce"};
    return question;
  });
}

std::string new_nonce() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  return seal::to_hex(bytes);
}

std::string client_state_request_body(std::span<const unsigned char> sealed_question) {
  return dump({{"request", seal::to_base64url(sealed_question)}});
}

Parsed<std::vector<unsigned char>> parse_client_state_request_body(std::string_view body) {
  return parse_json<std::vector<unsigned char>>(
      body, [](const json& root) { return need_base64url(root, "request"); });
}

std::string signed_client_state_answer(const ClientStateAnswer& answer,
                                       const seal::SigningKeyPair& head_office) {
  const std::string text = dump({{"nonce", answer.nonce},
                                 {"known", answer.known},
                                 {"records", answer.records},
                                 {"as_of", answer.as_of}});
  const seal::Signature signature = seal::sign_parts(kClientStateDomain, {seal::bytes_of(text)}, head_office);
  return dump({{"answer", text}, {"signature", seal::to_base64url(signature)}});
}

std::string_view to_string(AnswerErrc code) {
  switch (code) {
    case AnswerErrc::Malformed: return "answer-malformed";
    case AnswerErrc::BadSignature: return "answer-bad-signature";
    case AnswerErrc::WrongNonce: return "answer-wrong-nonce";
  }
  return "answer-error";
}

Expected<ClientStateAnswer, AnswerErrc> open_client_state_answer(std::string_view body,
                                                                 const seal::SigningPublicKey& head_office,
                                                                 std::string_view expected_nonce) {
  struct Signed {
    std::string text;
    std::vector<unsigned char> signature;
  };
  auto outer = parse_json<Signed>(body, [](const json& root) {
    return Signed{need_string(root, "answer"), need_base64url(root, "signature")};
  });
  if (!outer) return fail(AnswerErrc::Malformed);
  if (!seal::verify_parts(kClientStateDomain, {seal::bytes_of(outer->text)}, outer->signature, head_office)) {
    return fail(AnswerErrc::BadSignature);
  }
  auto answer = parse_json<ClientStateAnswer>(outer->text, [](const json& root) {
    ClientStateAnswer out;
    out.nonce = need_string(root, "nonce");
    const json& known = need(root, "known");
    if (!known.is_boolean()) throw Invalid{ParseErrc::BadValue, "known"};
    out.known = known.get<bool>();
    const json& records = need(root, "records");
    if (!records.is_array()) throw Invalid{ParseErrc::BadValue, "records"};
    for (const json& record : records) {
      if (!record.is_string()) throw Invalid{ParseErrc::BadValue, "records"};
      out.records.push_back(record.get<std::string>());
    }
    out.as_of = need_string(root, "as_of");
    return out;
  });
  if (!answer) return fail(AnswerErrc::Malformed);
  if (answer->nonce != expected_nonce) return fail(AnswerErrc::WrongNonce);
  return std::move(*answer);
}

std::string to_json(const KioskKeys& keys) {
  json list = json::array();
  for (const auto& key : keys.signing_public_keys) list.push_back(seal::to_hex(key));
  return dump({{"kiosk_id", keys.kiosk_id}, {"signing_public_keys", std::move(list)}});
}

Parsed<KioskKeys> parse_kiosk_keys(std::string_view body) {
  return parse_json<KioskKeys>(body, [](const json& root) {
    KioskKeys keys;
    keys.kiosk_id = need_string(root, "kiosk_id");
    const json& list = need(root, "signing_public_keys");
    if (!list.is_array()) throw Invalid{ParseErrc::BadValue, "signing_public_keys"};
    for (const json& entry : list) {
      if (!entry.is_string()) throw Invalid{ParseErrc::BadValue, "signing_public_keys"};
      auto key = seal::array_from_hex<32>(entry.get<std::string>());
      if (!key) throw Invalid{ParseErrc::BadValue, "signing_public_keys"};
      keys.signing_public_keys.push_back(*key);
    }
    return keys;
  });
}

}  // namespace kiosk::protocol
