#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "hq_backends.hpp"
#include "kiosk/hq/consent_hq_cli.hpp"
#include "kiosk/receipt/receipt_code.hpp"
#include "sealing_kiosk.hpp"

using namespace kiosk;
using namespace kiosk::testing;
using nlohmann::json;

namespace {

struct Verdict {
  int exit = -1;
  json answer;
};

Verdict verify_at(const TestHeadOffice& hq, const std::string& code) {
  std::ostringstream out;
  std::ostringstream err;
  SystemClock clock;
  MemoryLogger logger;
  hq::HqCliContext context{out, err, clock, logger};
  const int exit =
      hq::run_consent_hq({"receipt", "verify", "--config", hq.config_file().string(), code}, context);
  return {exit, json::parse(out.str(), nullptr, false)};
}

}  // namespace

TEMPLATE_TEST_CASE("consent-hq verifies a receipt against every key its kiosk enrolled", "[hq]", OnSqlite,
                   OnPostgres) {
  TestHeadOffice hq(TestType::backend);
  const EnrolledKiosk first = hq.enroll("store-3-kiosk-1");
  const auto record = choices_record({}, std::chrono::system_clock::now());
  const std::string code = receipt::sign_receipt_code(record, "store-3-kiosk-1", first.key).value();

  Verdict valid = verify_at(hq, code);
  INFO(valid.answer.dump());
  CHECK(valid.exit == 0);
  CHECK(valid.answer["valid"] == true);
  CHECK(valid.answer["receipt"]["record_id"] == record.id);
  CHECK(valid.answer["receipt"]["kiosk_id"] == "store-3-kiosk-1");
  CHECK(valid.answer["receipt"]["decisions"].size() == record.decisions.size());
  CHECK(valid.answer["kiosk_key"] == seal::fingerprint(first.key.public_key));

  // Re-enrolled with a new key, the kiosk's earlier receipts still verify.
  const EnrolledKiosk second = hq.enroll("store-3-kiosk-1");
  CHECK(verify_at(hq, code).exit == 0);
  const std::string newer = receipt::sign_receipt_code(record, "store-3-kiosk-1", second.key).value();
  CHECK(verify_at(hq, newer).answer["kiosk_key"] == seal::fingerprint(second.key.public_key));

  std::string altered = code;
  altered[12] = altered[12] == 'Q' ? 'R' : 'Q';
  Verdict bad = verify_at(hq, altered);
  CHECK(bad.exit == 2);
  CHECK(bad.answer["error"]["code"] == "bad-signature");

  // Signed by a key head office never saw, in the name of an enrolled kiosk or of an unknown one.
  const auto stranger = seal::generate_signing_key_pair();
  CHECK(verify_at(hq, receipt::sign_receipt_code(record, "store-3-kiosk-1", stranger).value()).exit == 2);
  Verdict unknown = verify_at(hq, receipt::sign_receipt_code(record, "store-4-kiosk-9", stranger).value());
  CHECK(unknown.exit == 2);
  CHECK(unknown.answer["error"]["code"] == "unknown-kiosk");
  CHECK(verify_at(hq, "not a receipt").exit == 2);
}
