#include <catch2/catch.hpp>

#include <sodium.h>
#include <sys/stat.h>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/store/audit_log.hpp"
#include "kiosk/store/consent_ledger.hpp"
#include "kiosk/store/kiosk_keys.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/store_check.hpp"
#include "scratch_dir.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::store;
using consent::Decision;

TEST_CASE("a commit writes ledger, outbox and audit rows together and returns the record id") {
  store_fixtures::ServiceInScratch scratch;
  auto& [dir, clock, logger, service] = scratch;
  auto client = service.identify(store_fixtures::known_people()[0]);
  REQUIRE(client.has_value());
  const std::string id =
      store_fixtures::commit_choice(service, *client, "marketing-analysis", Decision::Refused);
  CHECK(id.size() == 32);

  ConsentLedger ledger(service.database());
  auto history = ledger.history(client->key);
  REQUIRE(history.has_value());
  REQUIRE(history->size() == 1);
  CHECK(history->front().id == id);
  CHECK(history->front().policy_version == service.model().version());
  auto pending = Outbox(service.database()).pending(10);
  REQUIRE(pending.has_value());
  REQUIRE(pending->size() == 1);
  CHECK(pending->front().record_id == id);
  auto audit = AuditLog(service.database()).rows();
  REQUIRE(audit.has_value());
  REQUIRE(audit->size() == 1);
  CHECK(audit->front().action == "consent-recorded");
  CHECK(audit->front().detail.find(id) != std::string::npos);
}

TEST_CASE("a returning client sees their current choices and changes them, the state coming from history") {
  store_fixtures::ServiceInScratch scratch;
  auto& [dir, clock, logger, service] = scratch;
  const auto person = store_fixtures::known_people()[1];
  {
    auto client = service.identify(person);
    REQUIRE(client.has_value());
    auto fresh = service.current(*client);
    REQUIRE(fresh.has_value());
    CHECK(fresh->needs_review);
    CHECK(fresh->decision("share-third-party-marketers") == Decision::Refused);
    store_fixtures::commit_choice(service, *client, "share-third-party-marketers", Decision::Granted);
  }
  // Another scan of the same card, number typed with other separators and case.
  auto person_again = person;
  person_again.document_number = "w883177402 95117";
  person_again.issuer = " on";
  auto again = service.identify(person_again);
  REQUIRE(again.has_value());
  auto current = service.current(*again);
  REQUIRE(current.has_value());
  CHECK_FALSE(current->needs_review);
  CHECK(current->decision("share-third-party-marketers") == Decision::Granted);

  // Withdrawal is one record, as easy as the grant.
  auto withdrawal = service.commit(*again, consent::record_withdrawal(service.model(), *current, {}));
  REQUIRE(withdrawal.has_value());
  auto after = service.current(*again);
  CHECK(after->decision("share-third-party-marketers") == Decision::Refused);
  CHECK(after->decision("marketing-analysis") == Decision::Refused);
  CHECK(after->decision("service-account") == Decision::Granted);

  // Someone else starts from the defaults.
  auto stranger = service.identify(store_fixtures::known_people()[2]);
  CHECK(service.current(*stranger)->decision("share-third-party-marketers") == Decision::Refused);
}

TEST_CASE("the outbox holds the full record sealed to head office: the kiosk's own keys cannot open it") {
  store_fixtures::ServiceInScratch scratch;
  auto& [dir, clock, logger, service] = scratch;
  const auto person = store_fixtures::known_people()[0];
  auto client = service.identify(person);
  const std::string id =
      store_fixtures::commit_choice(service, *client, "marketing-analysis", Decision::Refused);
  auto pending = Outbox(service.database()).pending(1);
  REQUIRE(pending->size() == 1);
  const auto& envelope = pending->front().envelope;

  auto keys = load_kiosk_keys(dir / "kiosk.db", {}, false);
  REQUIRE(keys.has_value());
  // What the kiosk holds: its signing key (also tried as a box key) and head office's public key.
  seal::BoxKeyPair kiosk_as_box;
  REQUIRE(crypto_sign_ed25519_pk_to_curve25519(kiosk_as_box.public_key.data(),
                                               keys->signing.public_key.data()) == 0);
  REQUIRE(crypto_sign_ed25519_sk_to_curve25519(kiosk_as_box.secret.data(), keys->signing.secret.data()) == 0);
  // Even handed the key id head office's key has, the kiosk's own keys open nothing.
  auto posing_as_head_office = [&](seal::BoxKeyPair pair) {
    seal::BoxKeyring ring;
    pair.public_key = keys->head_office.public_key;
    ring.add(std::move(pair));
    return ring;
  };
  CHECK(seal::open_envelope(envelope, posing_as_head_office(kiosk_as_box)).error().code ==
        seal::EnvelopeErrc::CannotOpen);
  auto from_client_secret =
      seal::box_key_pair_from_secret(std::span<const unsigned char, 32>(keys->client_hash_secret.data(), 32));
  CHECK(seal::open_envelope(envelope, posing_as_head_office(from_client_secret)).error().code ==
        seal::EnvelopeErrc::CannotOpen);

  // Head office (the demo stand-in) opens it and finds the identity and the kiosk's signature.
  auto head_office = load_demo_head_office(dir / "kiosk.db");
  REQUIRE(head_office.has_value());
  seal::BoxKeyring ring;
  ring.add(*head_office);
  auto opened = seal::open_envelope(envelope, ring);
  REQUIRE(opened.has_value());
  CHECK(opened->header.signer == service.signing_public_key());
  CHECK(opened->header.record_id == id);
  CHECK(opened->header.kiosk_id == "test-kiosk");
  CHECK(opened->header.seq == 1);
  auto payload = consent::parse_envelope_json(opened->payload);
  REQUIRE(payload.has_value());
  CHECK(payload->record.id == id);
  CHECK(payload->kiosk_id == "test-kiosk");
  CHECK(payload->client.family_name == person.family_name);
  CHECK(payload->client.date_of_birth == person.date_of_birth);
  CHECK(payload->client.document_number == person.document_number);
}

TEST_CASE("envelopes are numbered 1, 2, 3 and each links to the one before") {
  store_fixtures::ServiceInScratch scratch;
  auto& service = scratch.service;
  std::vector<std::string> ids;
  for (const auto& person : store_fixtures::known_people()) {
    auto client = service.identify(person);
    ids.push_back(store_fixtures::commit_choice(service, *client, "marketing-analysis", Decision::Granted));
  }
  auto pending = Outbox(service.database()).pending(10);
  REQUIRE(pending->size() == 3);
  auto head_office = load_demo_head_office(scratch.dir / "kiosk.db");
  REQUIRE(head_office.has_value());
  seal::BoxKeyring ring;
  ring.add(*head_office);
  seal::Hash32 previous{};
  for (std::size_t i = 0; i < pending->size(); ++i) {
    const auto& item = (*pending)[i];
    CHECK(item.seq == static_cast<std::int64_t>(i + 1));
    auto opened = seal::open_envelope(item.envelope, ring);
    REQUIRE(opened.has_value());
    CHECK(opened->header.seq == item.seq);
    CHECK(opened->header.record_id == ids[i]);
    CHECK(opened->header.previous == previous);
    previous = opened->chain_hash;
  }
  auto head = Outbox(service.database()).chain_head();
  REQUIRE(head.has_value());
  CHECK(head->last_seq == 3);
  CHECK(head->last_hash == Bytes(previous.begin(), previous.end()));
}

TEST_CASE("key files are private, stable across opens, and a swapped signing key is refused") {
  ScratchDir dir;
  SystemClock clock;
  MemoryLogger logger;
  const auto db = dir / "kiosk.db";
  seal::SigningPublicKey first{};
  {
    auto service = store_fixtures::open_service(db, clock, logger);
    first = service.signing_public_key();
  }
  const auto files = key_files_for(db);
  for (const auto& file : {files.signing, files.client_hash, files.demo_head_office_secret}) {
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
  }
  {
    auto service = store_fixtures::open_service(db, clock, logger);
    CHECK(service.signing_public_key() == first);
  }
  std::filesystem::remove(files.signing);
  auto reopened =
      ConsentService::open(store_fixtures::options_for(db), store_fixtures::shipped_model(), clock, logger);
  REQUIRE_FALSE(reopened.has_value());
  CHECK(reopened.error().code == StoreErrc::KeyFile);
}

TEST_CASE("the client key is keyed per kiosk, and the hash cost is fixed by the database") {
  ScratchDir dir;
  SystemClock clock;
  MemoryLogger logger;
  const auto person = store_fixtures::known_people()[0];
  auto one = store_fixtures::open_service(dir / "one.db", clock, logger);
  auto two = store_fixtures::open_service(dir / "two.db", clock, logger);
  auto key_one = one.identify(person);
  auto key_two = two.identify(person);
  REQUIRE(key_one.has_value());
  REQUIRE(key_two.has_value());
  CHECK(key_one->key != key_two->key);  // a copied database is useless with another kiosk's secret
  auto other_person = one.identify(store_fixtures::known_people()[1]);
  CHECK(other_person->key != key_one->key);

  // Reopened with the production cost asked for, the database keeps the cost it was made with,
  // or every returning client would become a stranger.
  auto options = store_fixtures::options_for(dir / "one.db");
  options.client_hash_cost = kKioskClientHashCost;
  auto reopened = ConsentService::open(options, store_fixtures::shipped_model(), clock, logger);
  REQUIRE(reopened.has_value());
  CHECK(reopened->identify(person)->key == key_one->key);
}

TEST_CASE("staff actions go to the audit log, chained like the ledger") {
  store_fixtures::ServiceInScratch scratch;
  auto& [dir, clock, logger, service] = scratch;
  REQUIRE(service.record_staff_action({"assoc-7", AuditAction::StaffLogin, ""}).has_value());
  REQUIRE(service.record_staff_action({"assoc-9", AuditAction::FailedPin, "attempt 2"}).has_value());
  REQUIRE(service.record_staff_action({"assoc-7", AuditAction::AssistedSessionStarted, ""}).has_value());
  REQUIRE(service.record_staff_action({"tech-1", AuditAction::ConfigChanged, "kiosk.default_language"})
              .has_value());
  auto rows = AuditLog(service.database()).rows();
  REQUIRE(rows->size() == 4);
  CHECK(rows->at(1).action == "failed-pin");
  CHECK(rows->at(1).actor == "assoc-9");
  auto report = check_store(service.database());
  REQUIRE(report.has_value());
  CHECK(report->audit.rows == 4);
  CHECK(report->ok());
}
