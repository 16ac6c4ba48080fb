#pragma once
// A client of head office over real HTTPS on 127.0.0.1, trusting only head office's own
// certificate (hostname and IP SAN checked), as a kiosk would; and signing requests as a kiosk.

#include <httplib.h>

#include <filesystem>
#include <string>

#include "kiosk/protocol/messages.hpp"
#include "kiosk/protocol/request_signature.hpp"

namespace kiosk::testing {

struct HqReply {
  int status = 0;  // 0: no answer (connection refused, TLS failure)
  std::string body;
  std::string retry_after;
};

class HqHttpsClient {
 public:
  HqHttpsClient(int port, const std::filesystem::path& certificate) : client_("127.0.0.1", port) {
    client_.set_ca_cert_path(certificate.string());
    client_.enable_server_certificate_verification(true);
    client_.set_tcp_nodelay(true);
    client_.set_keep_alive(true);
    client_.set_connection_timeout(5, 0);
    client_.set_read_timeout(60, 0);
    client_.set_write_timeout(60, 0);
  }

  HqReply get(const std::string& path, const httplib::Headers& headers = {}) {
    return reply_of(client_.Get(path.c_str(), headers));
  }

  HqReply post(const std::string& path, const std::string& body, const httplib::Headers& headers = {}) {
    return reply_of(client_.Post(path.c_str(), headers, body, "application/json"));
  }

  // With X-Kiosk-Id and X-Kiosk-Signature, as every kiosk request but enrollment and health.
  HqReply signed_post(const std::string& path, const std::string& body, const std::string& kiosk_id,
                      const seal::SigningKeyPair& key) {
    const httplib::Headers headers = {
        {std::string(protocol::kKioskIdHeader), kiosk_id},
        {std::string(protocol::kKioskSignatureHeader), protocol::sign_request("POST", path, body, key)}};
    return post(path, body, headers);
  }

  HqReply upload(const protocol::UploadBatch& batch, const std::string& kiosk_id,
                 const seal::SigningKeyPair& key) {
    return signed_post(std::string(protocol::kRecordsPath), protocol::to_json(batch), kiosk_id, key);
  }

 private:
  static HqReply reply_of(const httplib::Result& result) {
    if (!result) return {};
    return {result->status, result->body, result->get_header_value("Retry-After")};
  }

  httplib::SSLClient client_;
};

// The results of an upload head office answered 200; empty (and a message) otherwise.
inline std::vector<protocol::RecordResult> results_of(const HqReply& reply) {
  if (reply.status != 200) return {};
  auto response = protocol::parse_upload_response(reply.body);
  return response ? response->results : std::vector<protocol::RecordResult>{};
}

// The code of a {"error":{"code",...}} answer.
inline std::string error_code(const HqReply& reply) {
  auto body = protocol::parse_error_body(reply.body);
  return body ? body->code : "(not an error body: " + reply.body + ")";
}

}  // namespace kiosk::testing
