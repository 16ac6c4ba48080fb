// libFuzzer harness for what head office parses from a kiosk before trusting anything: the upload
// body, the enrollment request and the client-state question (and the body it arrives in). No
// input may crash them, and whatever they accept must keep within the protocol's limits and come
// back the same through the protocol's own writer.
//
// With KIOSK_FUZZ_SEED_DIR set, it writes a seed corpus there and exits (tests/fuzz/run-fuzzers.sh).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/protocol/enrollment.hpp"
#include "kiosk/protocol/messages.hpp"
#include "kiosk/seal/envelope.hpp"

using namespace kiosk;
using namespace kiosk::protocol;

namespace {

void require(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "accepted message breaks an invariant: %s\n", what);
  std::abort();
}

std::vector<std::string> seeds() {
  const auto kiosk = seal::generate_signing_key_pair();
  const auto box = seal::head_office_key_of(seal::generate_box_key_pair());
  seal::EnvelopeHeader header{"store-1-kiosk", 1, "0123456789abcdef0123456789abcdef", {}, {}, {}};
  UploadBatch batch;
  batch.records.push_back({header.record_id, seal::seal_envelope(header, "{}", kiosk, box).bytes});
  batch.records.push_back({"ffff", {1, 2, 3}});
  const auto token = EnrollmentToken::generate();
  const EnrollRequest enroll{"store-1-kiosk", token.id(), kiosk.public_key,
                             enrollment_proof(token, "store-1-kiosk", kiosk.public_key, SpkiDigest{})};
  const ClientStateQuestion question{"store-1-kiosk", "ON", "W8831-77402-95117", new_nonce()};
  return {to_json(batch),
          to_json(UploadBatch{}),
          to_json(enroll),
          to_json(question),
          client_state_request_body(seal::seal_to_head_office(to_json(question), box)),
          R"({"records":[{"id":"a","envelope":""}],"extra":[1,2.5,null,true,{"x":"\u00e9"}]})",
          R"({"kiosk_id":"k","token_id":"t","signing_public_key":"zz","proof":""})"};
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("KIOSK_FUZZ_SEED_DIR")) {
    int index = 0;
    for (const auto& seed : seeds())
      std::ofstream(std::string(dir) + "/seed-" + std::to_string(index++)) << seed;
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);

  if (auto batch = parse_upload_batch(body)) {
    require(batch->records.size() <= kMaxBatchRecords, "at most 500 records");
    for (const auto& item : batch->records) {
      require(!item.record_id.empty() && item.record_id.size() <= 64, "record ids of 1-64 characters");
    }
    auto again = parse_upload_batch(to_json(*batch));
    require(again.has_value() && again->records.size() == batch->records.size(), "a batch survives the trip");
    for (std::size_t i = 0; i < batch->records.size(); ++i) {
      require(again->records[i].record_id == batch->records[i].record_id, "ids survive the trip");
      require(again->records[i].envelope == batch->records[i].envelope, "envelopes survive the trip");
    }
  }

  if (auto request = parse_enroll_request(body)) {
    require(!request->kiosk_id.empty() && request->kiosk_id.size() <= 128, "kiosk ids of 1-128 bytes");
    auto again = parse_enroll_request(to_json(*request));
    require(again.has_value() && again->kiosk_id == request->kiosk_id &&
                again->token_id == request->token_id &&
                again->signing_public_key == request->signing_public_key && again->proof == request->proof,
            "an enrollment request survives the trip");
  }

  if (auto question = parse_client_state_question(body)) {
    require(question->nonce.size() == 32, "a nonce of 16 bytes in hex");
    auto again = parse_client_state_question(to_json(*question));
    require(again.has_value() && again->kiosk_id == question->kiosk_id && again->issuer == question->issuer &&
                again->document_number == question->document_number && again->nonce == question->nonce,
            "a question survives the trip");
  }

  if (auto sealed = parse_client_state_request_body(body)) {
    auto again = parse_client_state_request_body(client_state_request_body(*sealed));
    require(again.has_value() && *again == *sealed, "a sealed question survives the trip");
  }
  return 0;
}
