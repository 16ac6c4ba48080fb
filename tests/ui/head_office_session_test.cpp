// The real App, headless, with its store on a worker thread: head office's record of a client,
// the offline fallback said on screen, a commit that waits while frames keep drawing, delivery
// by the sync worker, and keys that fail closed.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <fstream>

#include "hq_stub_server.hpp"
#include "kiosk/app/app.hpp"
#include "kiosk/app/demo_identity.hpp"
#include "kiosk/store/key_file.hpp"
#include "kiosk/store/policy_assets.hpp"
#include "kiosk/sync/sync_worker.hpp"
#include "kiosk/ui/kiosk_view.hpp"
#include "scratch_dir.hpp"
#include "wait_for.hpp"

using namespace kiosk;
using namespace std::chrono_literals;
using test_support::wait_for;

namespace {

std::string policy_version() {
  return store::build_consent_model(store::embedded_policy_assets())->version();
}

struct HeadlessKiosk {
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  MemoryLogger logger;
  ScratchDir dir;
  std::unique_ptr<App> app;

  // An enrolled kiosk pinned to `head_office`, whose URL is `url`.
  HeadlessKiosk(const TestHeadOffice& head_office, const std::string& url) {
    write_enrolled_kiosk(dir.path(), head_office);
    std::ofstream(dir / "kiosk.toml")
        << "[kiosk]\nid = \"ui-kiosk\"\n[storage]\ndatabase = \"kiosk.db\"\n"
           "[head_office]\nurl = \""
        << url
        << "\"\ncertificate = \"kiosk.db.hq.crt\"\n"
           "identity_key = \"kiosk.db.hq-identity.pub\"\nbox_key = \"kiosk.db.hq.pub\"\n"
           "lookup_timeout_ms = 2000\nsync_interval_seconds = 3600\n";
    start(load_kiosk_config(dir / "kiosk.toml"));
  }
  // The demo kiosk on its embedded config.
  HeadlessKiosk() { start(parse_kiosk_config(embedded_demo_config(), "embedded")); }

  void start(Expected<KioskConfig, ConfigError> config) {
    REQUIRE(config.has_value());
    AppOptions options;
    options.headless = true;
    options.font_file = KIOSK_DEFAULT_FONT;
    options.data_dir = dir / "data";
    options.screenshot_dir = dir / "shots";
    auto created = App::create(*config, options, clock, logger);
    REQUIRE(created.has_value());
    app = std::move(created).value();
    app->frame();
  }

  seal::SigningPublicKey signing_key() const {
    auto keys = store::load_kiosk_keys(
        dir / "kiosk.db",
        {store::KeyMode::Enrolled,
         {dir / "kiosk.db.hq.pub", dir / "kiosk.db.hq-identity.pub", dir / "kiosk.db.hq.crt"}},
        false);
    REQUIRE(keys.has_value());
    return keys->signing.public_key;
  }

  // Welcome, scan the demo licence, "yes, this is me", and the store's answer.
  void scan_and_confirm() {
    REQUIRE(app->tap_target("welcome.start.en"));
    app->deliver_scan(demo_licence_payload(clock.today()));
    app->frame();
    REQUIRE(app->session().screen() == Screen::ConfirmIdentity);
    REQUIRE(app->tap_target("confirm.yes"));
    REQUIRE(app->settle_store());
  }

  consent::Decision decision(const std::string& item) {
    for (const auto& d : app->session().draft()) {
      if (d.item_id == item) return d.decision;
    }
    FAIL("no decision for " << item);
    return consent::Decision::Refused;
  }

  std::size_t amber_pixels(const std::string& name) {
    REQUIRE(app->screenshot(name).has_value());
    auto image = read_png(dir / "shots" / (name + ".png"));
    REQUIRE(image.has_value());
    std::size_t amber = 0;
    for (std::size_t i = 0; i + 3 < image->pixels.size(); i += 4) {
      const auto r = image->pixels[i], g = image->pixels[i + 1], b = image->pixels[i + 2];
      if (r > 120 && r < 180 && g > 60 && g < 120 && b < 40) ++amber;
    }
    return amber;
  }
};

}  // namespace

TEST_CASE("head office's record of a client wins: choices made at another store show here") {
  HqStubServer hq;
  HeadlessKiosk kiosk(hq.keys(), hq.url());
  hq.register_kiosk("ui-kiosk", kiosk.signing_key());
  // Élodie refused marketing analysis and allowed third-party marketers at another store.
  consent::ConsentRecord elsewhere;
  elsewhere.id = "another-store-0001";
  elsewhere.recorded_at = std::chrono::sys_days{std::chrono::year{2026} / 6 / 1};
  elsewhere.kind = consent::EventKind::Choices;
  elsewhere.policy_version = policy_version();
  elsewhere.decisions = {{"marketing-analysis", consent::Decision::Refused},
                         {"share-third-party-marketers", consent::Decision::Granted}};
  REQUIRE(kiosk.app->tap_target("welcome.start.en"));
  kiosk.app->deliver_scan(demo_licence_payload(kiosk.clock.today()));
  REQUIRE(kiosk.app->session().identity() != nullptr);
  hq.add_client_record(kiosk.app->session().identity()->issuer,
                       kiosk.app->session().identity()->document_number, elsewhere);
  kiosk.app->frame();
  REQUIRE(kiosk.app->tap_target("confirm.yes"));
  REQUIRE(kiosk.app->settle_store());

  CHECK(kiosk.app->session().client_state_origin() == ClientStateOrigin::HeadOffice);
  CHECK(kiosk.app->session().screen() == Screen::Choices);  // a returning client under this policy
  CHECK(kiosk.decision("marketing-analysis") == consent::Decision::Refused);
  CHECK(kiosk.decision("share-third-party-marketers") == consent::Decision::Granted);
  CHECK_FALSE(kiosk.app->view_model().head_office_unreachable);
  CHECK(kiosk.amber_pixels("online-choices") == 0);

  // Saved here, then delivered by the kiosk's own sync worker, woken by the commit.
  REQUIRE(kiosk.app->tap_target("choice.marketing-analysis.yes"));
  REQUIRE(kiosk.app->tap_target("choices.save"));
  REQUIRE(kiosk.app->settle_store());
  REQUIRE(kiosk.app->session().screen() == Screen::Saved);
  const std::string saved = kiosk.app->session().saved_record()->id;
  REQUIRE(kiosk.app->sync_worker() != nullptr);
  REQUIRE(wait_for([&] { return hq.stored_ids().size() == 1; }, 30s));
  CHECK(hq.stored_ids().front() == saved);
}

TEST_CASE("head office unreachable: the kiosk shows its own record of the client and says so on screen") {
  const TestHeadOffice keys;
  HeadlessKiosk kiosk(keys, "https://127.0.0.1:1");
  kiosk.scan_and_confirm();
  CHECK(kiosk.app->session().client_state_origin() == ClientStateOrigin::KioskFallback);
  REQUIRE(kiosk.app->session().screen() == Screen::Policy);  // a new client here, as far as this kiosk knows
  REQUIRE(kiosk.app->tap_target("policy.continue"));
  REQUIRE(kiosk.app->session().screen() == Screen::Choices);
  CHECK(kiosk.app->view_model().head_office_unreachable);
  CHECK(kiosk.amber_pixels("offline-choices-en") > 100);  // the line is drawn, in its amber

  // Offline is no reason not to record: the choice is saved and waits in the outbox.
  REQUIRE(kiosk.app->tap_target("choices.save"));
  REQUIRE(kiosk.app->settle_store());
  CHECK(kiosk.app->session().screen() == Screen::Saved);
}

TEST_CASE("a commit waiting on a locked database: frames keep drawing and the screen says Saving") {
  HeadlessKiosk kiosk;
  kiosk.scan_and_confirm();
  REQUIRE(kiosk.app->tap_target("policy.continue"));
  REQUIRE(kiosk.app->session().screen() == Screen::Choices);
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open((kiosk.dir / "data" / "kiosk.db").c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);

  REQUIRE(kiosk.app->tap_target("choices.save"));
  const auto drawn = kiosk.app->frames_drawn();
  for (int i = 0; i < 5; ++i) kiosk.app->frame();
  CHECK(kiosk.app->frames_drawn() == drawn + 5);  // the frame never waited on the disk
  CHECK(kiosk.app->session().screen() == Screen::Choices);
  CHECK(kiosk.app->view_model().busy);  // "Saving…" instead of the buttons
  CHECK_FALSE(kiosk.app->target_rect("choices.save").has_value());

  REQUIRE(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(other);
  REQUIRE(kiosk.app->settle_store());
  REQUIRE(kiosk.app->session().screen() == Screen::Saved);
  // The receipt shows the record as the store stamped it.
  const auto& saved = *kiosk.app->session().saved_record();
  CHECK(saved.recorded_at == kiosk.clock.now());
  CHECK(kiosk.app->view_model().receipt->record_id == saved.id);
}

TEST_CASE("an enrolled kiosk whose head office key changed starts out of service, naming the file") {
  const TestHeadOffice keys;
  {
    HeadlessKiosk kiosk(keys, "https://127.0.0.1:1");
    REQUIRE(kiosk.app->session().screen() == Screen::Welcome);
    // Swap head office's box key under the database, then start again.
    const auto box = kiosk.dir / "kiosk.db.hq.pub";
    kiosk.app.reset();
    std::filesystem::remove(box);
    REQUIRE(store::write_new_key_file(box, seal::generate_box_key_pair().public_key).has_value());
    auto config = load_kiosk_config(kiosk.dir / "kiosk.toml");
    kiosk.start(std::move(config));
    REQUIRE(kiosk.app->session().screen() == Screen::OutOfService);
    CHECK(kiosk.app->session().out_of_service_reason().en.find("kiosk.db.hq.pub") != std::string::npos);
    CHECK(kiosk.app->session().out_of_service_reason().fr.find("diffère") != std::string::npos);
    CHECK(kiosk.app->sync_worker() == nullptr);
    CHECK(kiosk.app->view_model().out_of_service_reason.find("kiosk.db.hq.pub") != std::string::npos);
  }
}
