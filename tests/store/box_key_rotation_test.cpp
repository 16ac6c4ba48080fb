// Head office rotates its box key: a genuine announcement is installed crash-safely and new
// records seal to it; anything else leaves the kiosk on its pinned key.
#include <catch2/catch.hpp>

#include "enrolled_kiosk.hpp"
#include "kiosk/protocol/messages.hpp"
#include "kiosk/store/key_file.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/recorded_keys.hpp"
#include "scratch_dir.hpp"
#include "store_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::store;
using consent::Decision;
namespace fs = std::filesystem;

namespace {

struct RotatingStore : store_fixtures::EnrolledStore {
  // What the uploader holds: its own connection and its own copy of the keys.
  OpenedStore uploader_side() {
    auto opened = open_kiosk_store(options(), clock, logger);
    if (!opened) FAIL(opened.error().detail);
    return std::move(*opened);
  }
  AnnouncedBoxKey announce(const seal::BoxKeyPair& box, const seal::SigningKeyPair& signer) const {
    auto announcement = protocol::announce_box_key(seal::head_office_key_of(box), signer);
    return {announcement.key, announcement.signature};
  }
};

seal::KeyId sealed_to_of_last(ConsentService& service) {
  auto pending = Outbox(service.database()).pending(100);
  REQUIRE_FALSE(pending->empty());
  auto id = seal::sealed_to(pending->back().envelope);
  REQUIRE(id.has_value());
  return *id;
}

void commit(ConsentService& service) {
  auto client = service.identify(store_fixtures::known_people()[1]);
  REQUIRE(client.has_value());
  store_fixtures::commit_choice(service, *client, "marketing-analysis", Decision::Granted);
}

}  // namespace

TEST_CASE("a genuine box key announcement is installed and the next record seals to the new key") {
  RotatingStore store;
  auto service = store.service();
  commit(service);
  CHECK(sealed_to_of_last(service) == seal::key_id_of(store.head_office.box.public_key));

  const auto next = seal::generate_box_key_pair();
  auto uploader = store.uploader_side();
  REQUIRE(install_head_office_box_key(uploader.db, uploader.files, uploader.keys,
                                      store.announce(next, store.head_office.identity))
              .has_value());
  CHECK(uploader.keys.head_office.public_key == next.public_key);
  auto in_file = read_head_office_box_key(store.kiosk.files().head_office_box);
  REQUIRE(in_file.has_value());
  CHECK(in_file->public_key == next.public_key);

  // The service, on its own connection, follows at its next commit.
  commit(service);
  CHECK(sealed_to_of_last(service) == seal::key_id_of(next.public_key));
  // And a restart keeps the new key.
  auto reopened = store.service();
  CHECK(reopened.keys().head_office.public_key == next.public_key);
}

TEST_CASE("an announcement not signed by the pinned identity key changes nothing") {
  RotatingStore store;
  auto uploader = store.uploader_side();
  const auto before = read_head_office_box_key(store.kiosk.files().head_office_box);
  const auto forged = store.announce(seal::generate_box_key_pair(), seal::generate_signing_key_pair());
  auto installed = install_head_office_box_key(uploader.db, uploader.files, uploader.keys, forged);
  REQUIRE_FALSE(installed.has_value());
  CHECK(installed.error().code == StoreErrc::KeyFile);
  CHECK(read_head_office_box_key(store.kiosk.files().head_office_box)->public_key == before->public_key);
  CHECK(uploader.keys.head_office.public_key == store.head_office.box.public_key);
  auto service = store.service();
  commit(service);
  CHECK(sealed_to_of_last(service) == seal::key_id_of(store.head_office.box.public_key));
}

TEST_CASE("killed between replacing the key file and marking it current: the next open promotes it") {
  RotatingStore store;
  const auto next = seal::generate_box_key_pair();
  {
    auto uploader = store.uploader_side();
    // The first two steps of an installation, then the process dies.
    REQUIRE(
        record_pending_box_key(uploader.db, store.announce(next, store.head_office.identity)).has_value());
    REQUIRE(replace_key_file(store.kiosk.files().head_office_box, next.public_key).has_value());
  }
  auto service = store.service();
  CHECK(service.keys().head_office.public_key == next.public_key);
  commit(service);
  CHECK(sealed_to_of_last(service) == seal::key_id_of(next.public_key));
}

TEST_CASE("killed after recording the announcement but before the file changed: the old key stays") {
  RotatingStore store;
  {
    auto uploader = store.uploader_side();
    const auto next = seal::generate_box_key_pair();
    REQUIRE(
        record_pending_box_key(uploader.db, store.announce(next, store.head_office.identity)).has_value());
  }
  auto service = store.service();
  CHECK(service.keys().head_office.public_key == store.head_office.box.public_key);
}

TEST_CASE("a key file that matches neither the current key nor a genuine pending one is refused") {
  RotatingStore store;
  const auto announced = seal::generate_box_key_pair();
  const auto planted = seal::generate_box_key_pair();
  {
    auto uploader = store.uploader_side();
    // The pending announcement is genuine, but the file holds someone else's key.
    REQUIRE(record_pending_box_key(uploader.db, store.announce(announced, store.head_office.identity))
                .has_value());
    REQUIRE(replace_key_file(store.kiosk.files().head_office_box, planted.public_key).has_value());
  }
  auto opened =
      ConsentService::open(store.options(), store_fixtures::shipped_model(), store.clock, store.logger);
  REQUIRE_FALSE(opened.has_value());
  CHECK(opened.error().code == StoreErrc::KeyFile);
  CHECK(opened.error().detail.find("differs") != std::string::npos);

  // A forged pending announcement is no better than none.
  REQUIRE(replace_key_file(store.kiosk.files().head_office_box, announced.public_key).has_value());
  {
    auto db = SqliteDatabase::open(store.kiosk.database, {});
    REQUIRE(db.has_value());
    REQUIRE(record_pending_box_key(*db, store.announce(announced, seal::generate_signing_key_pair()))
                .has_value());
  }
  CHECK_FALSE(
      ConsentService::open(store.options(), store_fixtures::shipped_model(), store.clock, store.logger)
          .has_value());
}

TEST_CASE("a box key file changed under a running kiosk: records still seal to the recorded key") {
  RotatingStore store;
  auto service = store.service();
  REQUIRE(replace_key_file(store.kiosk.files().head_office_box, seal::generate_box_key_pair().public_key)
              .has_value());
  commit(service);
  CHECK(sealed_to_of_last(service) == seal::key_id_of(store.head_office.box.public_key));
}
