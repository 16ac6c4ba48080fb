// A minor's card is refused on the client path: they are sent to an associate, and nothing of
// the card is kept.
#include <catch2/catch.hpp>

#include <string>

#include "aamva_payload_builder.hpp"
#include "kiosk/core/session.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

struct Fixture {
  ManualClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  KioskSession session{clock, SessionSettings{Language::English, 60s, nullptr, {}}};

  // A holder who turned 18 today, on a card from `province`.
  void scan_eighteen_year_old(const std::string& iin, const std::string& province) {
    session.apply(action::Begin{});
    const auto payload =
        testing::as_bytes(testing::canadian_card(iin, province).set("DBB", "20081128").build());
    session.on_scan(payload);
  }
};

}  // namespace

TEST_CASE("an 18-year-old from British Columbia is refused and sent to an associate, keeping nothing") {
  Fixture f;
  f.scan_eighteen_year_old("636028", "BC");
  CHECK(f.session.screen() == Screen::ScanId);
  CHECK(f.session.identity() == nullptr);
  REQUIRE(f.session.scan_refusal().has_value());
  const ScanRefusal& refusal = *f.session.scan_refusal();
  CHECK(refusal.reason == ScanRefusal::Reason::UnderAge);
  CHECK(refusal.required_age == 19);
  // What the log gets: the code alone, with no trace of the birth date.
  CHECK(refusal.code() == "under-age");
  CHECK(refusal.message().en.find("ask an associate") != std::string::npos);
  CHECK(refusal.message().fr.find("demander l’aide d’un conseiller") != std::string::npos);
}

TEST_CASE("an 18-year-old from Quebec is accepted") {
  Fixture f;
  f.scan_eighteen_year_old("604428", "QC");
  CHECK_FALSE(f.session.scan_refusal().has_value());
  CHECK(f.session.screen() == Screen::ConfirmIdentity);
  REQUIRE(f.session.identity() != nullptr);
  CHECK(f.session.identity()->issuer == "QC");
}
