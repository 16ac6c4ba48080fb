#include <sodium.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "hq_backends.hpp"
#include "kiosk/hq/head_office_keys.hpp"
#include "sealing_kiosk.hpp"

using namespace kiosk;
using namespace kiosk::testing;
using protocol::RecordStatus;

namespace {

auto now() {
  return std::chrono::system_clock::now();
}

// The status of the one record a batch held.
std::string only_status(const HqReply& reply) {
  const auto results = results_of(reply);
  if (results.size() != 1) return "no single result: " + std::to_string(reply.status) + " " + reply.body;
  return std::string(protocol::to_string(results[0].status));
}

// What anyone holding head office's public key can make: any inner bytes, sealed to it.
std::vector<unsigned char> sealed_inner(const std::string& header, const seal::Signature& signature,
                                        const std::string& payload, const seal::HeadOfficeBoxKey& to) {
  std::vector<unsigned char> inner = {static_cast<unsigned char>(header.size() >> 8),
                                      static_cast<unsigned char>(header.size() & 0xff)};
  inner.insert(inner.end(), header.begin(), header.end());
  inner.insert(inner.end(), signature.begin(), signature.end());
  inner.insert(inner.end(), payload.begin(), payload.end());
  std::vector<unsigned char> out = {'K', 'C', 'E', '2'};
  out.insert(out.end(), to.id.begin(), to.id.end());
  out.resize(12 + inner.size() + crypto_box_SEALBYTES);
  crypto_box_seal(out.data() + 12, inner.data(), inner.size(), to.public_key.data());
  return out;
}

std::string header_json(const std::string& kiosk, const std::string& record, const seal::HeadOfficeBoxKey& to,
                        const seal::SigningPublicKey& signer) {
  return nlohmann::json({{"v", 2},
                         {"kiosk", kiosk},
                         {"seq", 1},
                         {"record", record},
                         {"hq_key", seal::to_hex(to.id)},
                         {"prev", seal::to_hex(seal::Hash32{})},
                         {"signer", seal::to_hex(signer)}})
      .dump();
}

}  // namespace

TEMPLATE_TEST_CASE(
    "records uploaded over HTTPS are stored once, acknowledged twice, with the newest key announced", "[hq]",
    OnSqlite, OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const EnrolledKiosk enrolled = hq.enroll("kiosk-1");
  SealingKiosk kiosk = sealing_as(enrolled);
  std::vector<protocol::UploadItem> items;
  for (int i = 0; i < 20; ++i) items.push_back(kiosk.next(choices_record({}, now())));

  HqReply reply = hq.client().upload(batch_of(items), "kiosk-1", enrolled.key);
  auto results = results_of(reply);
  INFO(reply.body);
  REQUIRE(results.size() == 20);
  for (std::size_t i = 0; i < results.size(); ++i) {
    CHECK(results[i].record_id == items[i].record_id);
    CHECK(results[i].status == RecordStatus::Stored);
  }
  auto response = protocol::parse_upload_response(reply.body);
  REQUIRE(response->box_key.has_value());
  CHECK(response->box_key->key == hq.newest_box_key());
  CHECK(protocol::announcement_is_genuine(*response->box_key, enrolled.grant.head_office_signing_key));

  // The reply was lost: the kiosk sends the same batch again, plus one more, plus a copy of it.
  items.push_back(kiosk.next(choices_record({}, now())));
  items.push_back(items.back());
  auto again = results_of(hq.client().upload(batch_of(items), "kiosk-1", enrolled.key));
  REQUIRE(again.size() == 22);
  for (std::size_t i = 0; i < 20; ++i) CHECK(again[i].status == RecordStatus::Duplicate);
  CHECK(again[20].status == RecordStatus::Stored);
  CHECK(again[21].status == RecordStatus::Duplicate);

  auto counts = hq.storage().counts();
  REQUIRE(counts.has_value());
  CHECK(counts->records == 21);
  CHECK(counts->distinct == 21);
}

TEMPLATE_TEST_CASE("every way an envelope can be wrong is rejected for good, with its code, beside good ones",
                   "[hq]", OnSqlite, OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const EnrolledKiosk enrolled = hq.enroll("kiosk-1");
  const EnrolledKiosk neighbour = hq.enroll("kiosk-2");
  const seal::HeadOfficeBoxKey box = hq.newest_box_key();
  SealingKiosk kiosk("kiosk-1", box);
  kiosk.use_key(enrolled.key);

  std::vector<protocol::UploadItem> items;
  std::vector<std::string> expected;
  auto add = [&](protocol::UploadItem item, std::string code) {
    items.push_back(std::move(item));
    expected.push_back(std::move(code));
  };
  add(kiosk.next(choices_record({}, now())), "stored");

  SealingKiosk elsewhere("kiosk-1", seal::head_office_key_of(seal::generate_box_key_pair()));
  elsewhere.use_key(enrolled.key);
  add(elsewhere.next(choices_record({}, now())), "envelope-unknown-key");

  auto altered = kiosk.seal_at(50, {}, choices_record({}, now())).first;
  altered.envelope[40] ^= 0x01;
  add(altered, "envelope-cannot-open");

  const std::string bad_id = store::new_record_id();
  add({bad_id, sealed_inner("{\"v\":2,\"kiosk\":\"kiosk-1\"}", {}, "{}", box)}, "envelope-bad-header");

  const std::string unsigned_id = store::new_record_id();
  add({unsigned_id,
       sealed_inner(header_json("kiosk-1", unsigned_id, box, enrolled.key.public_key), {}, "{}", box)},
      "envelope-bad-signature");

  SealingKiosk impostor("kiosk-2", box);  // kiosk-1's key, kiosk-2's name in the signed header
  impostor.use_key(enrolled.key);
  add(impostor.next(choices_record({}, now())), "wrong-kiosk");

  SealingKiosk stranger("kiosk-1", box);  // a key kiosk-1 never enrolled
  add(stranger.next(choices_record({}, now())), "wrong-signer");

  auto renamed = kiosk.seal_at(60, {}, choices_record({}, now())).first;
  renamed.record_id = store::new_record_id();
  add(renamed, "id-mismatch");

  seal::EnvelopeHeader header;
  header.kiosk_id = "kiosk-1";
  header.seq = 70;
  header.record_id = store::new_record_id();
  add({header.record_id, seal::seal_envelope(header, "no consent here", enrolled.key, box).bytes},
      "payload-unreadable");
  add(kiosk.next(choices_record({}, now())), "stored");

  auto results = results_of(hq.client().upload(batch_of(items), "kiosk-1", enrolled.key));
  REQUIRE(results.size() == expected.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    INFO("item " << i << ": " << expected[i]);
    CHECK(results[i].record_id == items[i].record_id);
    if (expected[i] == "stored") {
      CHECK(results[i].status == RecordStatus::Stored);
    } else {
      CHECK(results[i].status == RecordStatus::Rejected);
      CHECK(results[i].code == expected[i]);
      CHECK_FALSE(results[i].message.empty());
    }
  }
  CHECK(hq.storage().counts()->records == 2);
  const std::string metrics = hq.client().get("/metrics").body;
  CHECK(metrics.find("consent_hq_records_rejected_total{code=\"wrong-signer\"} 1") != std::string::npos);
  CHECK(metrics.find("consent_hq_records_stored_total 2") != std::string::npos);
  (void)neighbour;
}

TEMPLATE_TEST_CASE(
    "one signature answers for a run of the chain, and a run whose last signature fails is taken "
    "again record by record",
    "[hq]", OnSqlite, OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const EnrolledKiosk enrolled = hq.enroll("kiosk-1");
  const seal::HeadOfficeBoxKey box = hq.newest_box_key();
  SealingKiosk kiosk("kiosk-1", box);
  kiosk.use_key(enrolled.key);
  // The same record with its signature broken: the content the next record links to, unchanged.
  auto broken_signature = [&](const protocol::UploadItem& item) {
    auto opened = seal::open_envelope(item.envelope, *hq.head_office().box_keys().current(),
                                      seal::SignatureCheck::Later);
    REQUIRE(opened.has_value());
    seal::Signature signature = opened->signature;
    signature[0] ^= 0x01;
    return protocol::UploadItem{item.record_id,
                                sealed_inner(opened->signed_header, signature, opened->payload, box)};
  };
  std::vector<protocol::UploadItem> items;
  for (int i = 0; i < 12; ++i) items.push_back(kiosk.next(choices_record({}, now())));

  SECTION("the last record's signature broken: it alone is refused, the rest stored") {
    items.back() = broken_signature(items.back());
    auto results = results_of(hq.client().upload(batch_of(items), "kiosk-1", enrolled.key));
    REQUIRE(results.size() == items.size());
    for (std::size_t i = 0; i + 1 < results.size(); ++i) CHECK(results[i].status == RecordStatus::Stored);
    CHECK(results.back().status == RecordStatus::Rejected);
    CHECK(results.back().code == "envelope-bad-signature");
    CHECK(hq.storage().counts()->records == 11);
  }
  SECTION("a record in the middle with a broken signature is vouched for by the next one's") {
    // Only the kiosk could have written that content: the next record's signature covers it.
    items[5] = broken_signature(items[5]);
    auto results = results_of(hq.client().upload(batch_of(items), "kiosk-1", enrolled.key));
    REQUIRE(results.size() == items.size());
    for (const auto& result : results) CHECK(result.status == RecordStatus::Stored);
    CHECK(hq.storage().counts()->records == 12);
  }
  SECTION("a record whose successor does not link to it needs its own signature") {
    items[5] = broken_signature(items[5]);
    items.erase(items.begin() + 6);
    auto results = results_of(hq.client().upload(batch_of(items), "kiosk-1", enrolled.key));
    REQUIRE(results.size() == items.size());
    CHECK(results[5].status == RecordStatus::Rejected);
    CHECK(results[5].code == "envelope-bad-signature");
    CHECK(hq.storage().counts()->records == 10);
  }
}

TEMPLATE_TEST_CASE("uploads from no kiosk, a forged signature, too much or nonsense are refused whole",
                   "[hq]", OnSqlite, OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const EnrolledKiosk enrolled = hq.enroll("kiosk-1");
  SealingKiosk kiosk = sealing_as(enrolled);
  const auto batch = batch_of({kiosk.next(choices_record({}, now()))});
  auto client = hq.client();

  HqReply unknown = client.upload(batch, "kiosk-404", enrolled.key);
  CHECK(unknown.status == 401);
  CHECK(error_code(unknown) == "kiosk-unknown");
  HqReply forged = client.upload(batch, "kiosk-1", seal::generate_signing_key_pair());
  CHECK(forged.status == 401);
  CHECK(error_code(forged) == "bad-signature");
  HqReply unsigned_request = client.post(std::string(protocol::kRecordsPath), protocol::to_json(batch));
  CHECK(unsigned_request.status == 401);
  // A signature over another body does not carry over.
  const httplib::Headers swapped = {
      {"X-Kiosk-Id", "kiosk-1"},
      {"X-Kiosk-Signature", protocol::sign_request("POST", "/v1/records", "{\"records\":[]}", enrolled.key)}};
  CHECK(client.post("/v1/records", protocol::to_json(batch), swapped).status == 401);

  const std::string huge =
      "{\"records\":[{\"id\":\"a\",\"envelope\":\"" + std::string(protocol::kMaxBodyBytes, 'A') + "\"}]}";
  HqReply oversize = client.signed_post("/v1/records", huge, "kiosk-1", enrolled.key);
  CHECK(oversize.status == 413);
  CHECK(error_code(oversize) == "too-large");
  protocol::UploadBatch flood;
  flood.records.assign(protocol::kMaxBatchRecords + 1, batch.records[0]);
  HqReply too_many = client.upload(flood, "kiosk-1", enrolled.key);
  CHECK(too_many.status == 413);
  CHECK(error_code(too_many) == "too-large");

  for (const std::string body :
       {"not json", "{\"records\":{}}", "{\"records\":[{\"id\":\"a\",\"envelope\":\"*\"}]}"}) {
    HqReply malformed = client.signed_post("/v1/records", body, "kiosk-1", enrolled.key);
    CHECK(malformed.status == 400);
    CHECK(error_code(malformed) == "malformed");
  }
  CHECK(hq.storage().counts()->records == 0);
  // And after all that, the same connection still delivers.
  CHECK(only_status(client.upload(batch, "kiosk-1", enrolled.key)) == "stored");
}

TEMPLATE_TEST_CASE("after a key rotation records sealed to the old and the new key are both stored", "[hq]",
                   OnSqlite, OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const EnrolledKiosk enrolled = hq.enroll("kiosk-1");
  const seal::HeadOfficeBoxKey old_key = hq.newest_box_key();
  SealingKiosk kiosk("kiosk-1", old_key);
  kiosk.use_key(enrolled.key);
  const auto sealed_before = kiosk.next(choices_record({}, now()));

  // `consent-hq rotate-key` while the server runs.
  auto rotated = hq::add_box_key(hq.head_office().config().box_keys);
  REQUIRE(rotated.has_value());
  CHECK(*rotated != old_key);

  HqReply reply = hq.client().upload(batch_of({sealed_before}), "kiosk-1", enrolled.key);
  CHECK(only_status(reply) == "stored");
  auto announced = protocol::parse_upload_response(reply.body)->box_key;
  REQUIRE(announced.has_value());
  CHECK(announced->key == *rotated);
  CHECK(protocol::announcement_is_genuine(*announced, enrolled.grant.head_office_signing_key));

  kiosk.seal_to(announced->key);
  const auto sealed_after = kiosk.next(choices_record({}, now()));
  CHECK(seal::sealed_to(sealed_after.envelope).value() == rotated->id);
  CHECK(only_status(hq.client().upload(batch_of({sealed_after}), "kiosk-1", enrolled.key)) == "stored");
  CHECK(hq.storage().counts()->records == 2);
}

TEST_CASE("a database locked past the busy timeout answers 503 with Retry-After, and the batch lands later") {
  TestHeadOffice hq(HqBackend::Sqlite, nullptr, [](hq::HqConfig& config) { config.busy_timeout_ms = 200; });
  const EnrolledKiosk enrolled = hq.enroll("kiosk-1");
  SealingKiosk kiosk = sealing_as(enrolled);
  const auto batch = batch_of({kiosk.next(choices_record({}, now()))});

  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(hq.head_office().config().database.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  HqReply busy = hq.client().upload(batch, "kiosk-1", enrolled.key);
  CHECK(busy.status == 503);
  CHECK(busy.retry_after == "1");
  CHECK(error_code(busy) == "unavailable");
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);

  CHECK(only_status(hq.client().upload(batch, "kiosk-1", enrolled.key)) == "stored");
}

TEST_CASE("a PostgreSQL database gone away answers 503 with Retry-After, never 500 - OnPostgres") {
  TestHeadOffice hq(HqBackend::Postgres);
  const EnrolledKiosk enrolled = hq.enroll("kiosk-1");
  SealingKiosk kiosk = sealing_as(enrolled);
  CHECK(only_status(hq.client().upload(batch_of({kiosk.next(choices_record({}, now()))}), "kiosk-1",
                                       enrolled.key)) == "stored");
  hq.drop_database();
  HqReply gone =
      hq.client().upload(batch_of({kiosk.next(choices_record({}, now()))}), "kiosk-1", enrolled.key);
  CHECK(gone.status == 503);
  CHECK(gone.retry_after == "5");
  CHECK(error_code(gone) == "unavailable");
}
