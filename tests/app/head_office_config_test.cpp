// The [head_office] keys of an enrolled kiosk, strictly validated by the one config loader.
#include <catch2/catch.hpp>

#include "kiosk/app/kiosk_config.hpp"

using namespace kiosk;

namespace {

const std::string kBase = "[kiosk]\nid = \"store-12-kiosk-1\"\n[storage]\ndatabase = \"kiosk.db\"\n";
const std::string kEnrolled =
    kBase +
    "[head_office]\nurl = \"https://hq.example:8443\"\n"
    "certificate = \"kiosk.db.hq.crt\"\nidentity_key = \"kiosk.db.hq-identity.pub\"\n"
    "box_key = \"kiosk.db.hq.pub\"\n";

ConfigError must_fail(const std::string& text) {
  auto result = parse_kiosk_config(text, "test.toml");
  REQUIRE_FALSE(result.has_value());
  return result.error();
}

}  // namespace

TEST_CASE("an enrolled kiosk's config names head office's files, with defaults for sync") {
  auto config = parse_kiosk_config(kEnrolled, "test.toml");
  REQUIRE(config.has_value());
  CHECK(config->enrolled());
  CHECK(config->head_office_certificate == "kiosk.db.hq.crt");
  CHECK(config->head_office_identity_key == "kiosk.db.hq-identity.pub");
  CHECK(config->head_office_box_key == "kiosk.db.hq.pub");
  CHECK(config->sync_interval_seconds == 60);
  CHECK(config->lookup_timeout_ms == 2500);
  CHECK(config->batch_max_records == 200);

  auto tuned = parse_kiosk_config(kEnrolled +
                                      "sync_interval_seconds = 15\nconnect_timeout_ms = 800\n"
                                      "request_timeout_seconds = 9\nlookup_timeout_ms = 1500\n"
                                      "batch_max_records = 50\nbatch_max_bytes = 65536\n",
                                  "test.toml");
  REQUIRE(tuned.has_value());
  CHECK(tuned->sync_interval_seconds == 15);
  CHECK(tuned->connect_timeout_ms == 800);
  CHECK(tuned->request_timeout_seconds == 9);
  CHECK(tuned->lookup_timeout_ms == 1500);
  CHECK(tuned->batch_max_records == 50);
  CHECK(tuned->batch_max_bytes == 65536);

  // The embedded demo config is not enrolled: it never syncs and keeps its demo keys.
  CHECK_FALSE(parse_kiosk_config(embedded_demo_config(), "embedded")->enrolled());
}

TEST_CASE("head office keys are refused when partial, out of range, misspelt or without a URL") {
  auto partial = must_fail(kBase + "[head_office]\nurl = \"https://hq\"\ncertificate = \"hq.crt\"\n");
  CHECK(partial.code == ConfigErrc::MissingKey);
  CHECK(partial.message().find("identity_key") != std::string::npos);

  auto no_url =
      must_fail(kBase + "[head_office]\ncertificate = \"a\"\nidentity_key = \"b\"\nbox_key = \"c\"\n");
  CHECK(no_url.code == ConfigErrc::MissingKey);
  CHECK(no_url.key == "head_office.url");

  auto too_many = must_fail(kEnrolled + "batch_max_records = 501\n");
  CHECK(too_many.code == ConfigErrc::BadValue);
  CHECK(too_many.key == "head_office.batch_max_records");
  CHECK(must_fail(kEnrolled + "lookup_timeout_ms = 50\n").key == "head_office.lookup_timeout_ms");
  CHECK(must_fail(kEnrolled + "sync_interval_seconds = \"often\"\n").code == ConfigErrc::WrongType);
  CHECK(must_fail(kEnrolled + "certficate = \"typo\"\n").code == ConfigErrc::UnknownKey);
  CHECK(must_fail(kBase + "[head_office]\nbox_key = \"\"\n").code == ConfigErrc::BadValue);
  CHECK(must_fail(kBase + "[head_office]\nurl = \"http://hq\"\n").key == "head_office.url");
}
