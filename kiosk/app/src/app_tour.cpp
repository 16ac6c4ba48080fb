// The demo tour: every screen in English and French, one PNG each, in the order a client and
// then staff would see them.
#include "kiosk/app/app.hpp"
#include "kiosk/app/config_options.hpp"
#include "kiosk/app/demo_identity.hpp"
#include "kiosk/store/kiosk_database.hpp"
#include "kiosk/store/staff_pins.hpp"
#include "kiosk/text/kiosk_text.hpp"
#include "kiosk/ui/kiosk_view.hpp"

namespace kiosk {
namespace {

struct TourStaff {
  const char* id;
  staff::StaffRole role;
  const char* pin;
};
// Demo staff, enrolled only on a kiosk with no head office: their PINs are in this source.
constexpr TourStaff kTourAssociate{"0042", staff::StaffRole::Associate, "482913"};
constexpr TourStaff kTourTech{"0107", staff::StaffRole::Tech, "770315"};

}  // namespace

Status<AppError> App::enroll_tour_staff() {
  if (config_.enrolled() || !store_) return Ok{};
  auto db = store::open_service_database(store_options_for(config_, options_.data_dir).database);
  if (!db) return fail(AppError{AppErrc::ScreenshotFailed, "tour: database: " + db.error().detail});
  store::StaffPins pins(*db, clock_);
  for (const TourStaff& member : {kTourAssociate, kTourTech}) {
    if (auto enrolled = pins.enroll(member.id, member.role, member.pin, "demo-tour"); !enrolled)
      return fail(AppError{AppErrc::ScreenshotFailed, "tour: staff: " + enrolled.error().detail});
  }
  return Ok{};
}

Status<AppError> App::press_target(const std::string& id) {
  frame();
  if (!tap_target(id)) return fail(AppError{AppErrc::ScreenshotFailed, "tour: no touch target " + id});
  return Ok{};
}

Status<AppError> App::type_on_keypad(std::string_view digits) {
  for (char digit : digits) {
    if (auto s = press_target(std::string("staff.key.") + digit); !s) return s;
  }
  return Ok{};
}

Status<AppError> App::staff_sign_in(std::string_view id, std::string_view pin) {
  if (auto s = type_on_keypad(id); !s) return s;
  if (auto s = press_target("staff.key.ok"); !s) return s;
  if (auto s = type_on_keypad(pin); !s) return s;
  if (auto s = press_target("staff.key.ok"); !s) return s;
  if (!settle_store()) return fail(AppError{AppErrc::ScreenshotFailed, "tour: the PIN check did not end"});
  if (!staff_.role()) return fail(AppError{AppErrc::ScreenshotFailed, "tour: demo staff PIN refused"});
  return Ok{};
}

Status<AppError> App::tour_staff_screens(Language language) {
  const std::string suffix(language_code(language));
  if (auto s = press_target("staff.open"); !s) return s;
  if (staff_.language() != language) {
    if (auto s = press_target("lang.toggle"); !s) return s;
  }
  if (auto s = type_on_keypad(kTourAssociate.id); !s) return s;
  if (auto s = screenshot("08-staff-number-" + suffix); !s) return s;
  if (auto s = press_target("staff.key.ok"); !s) return s;
  if (auto s = type_on_keypad("111"); !s) return s;
  if (auto s = screenshot("09-pin-" + suffix); !s) return s;
  if (auto s = type_on_keypad("111"); !s) return s;
  if (auto s = press_target("staff.key.ok"); !s) return s;
  if (!settle_store()) return fail(AppError{AppErrc::ScreenshotFailed, "tour: the PIN check did not end"});
  if (auto s = screenshot("10-pin-wrong-" + suffix); !s) return s;
  if (auto s = type_on_keypad(kTourAssociate.pin); !s) return s;
  if (auto s = press_target("staff.key.ok"); !s) return s;
  if (!settle_store()) return fail(AppError{AppErrc::ScreenshotFailed, "tour: the PIN check did not end"});
  if (auto s = screenshot("11-associate-home-" + suffix); !s) return s;
  if (auto s = press_target("staff.signout"); !s) return s;
  if (auto s = press_target("staff.open"); !s) return s;
  if (staff_.language() != language) {
    if (auto s = press_target("lang.toggle"); !s) return s;
  }
  if (auto s = staff_sign_in(kTourTech.id, kTourTech.pin); !s) return s;
  if (auto s = screenshot("12-diagnostics-" + suffix); !s) return s;
  if (auto s = press_target("staff.signout"); !s) return s;
  if (!store_) return Ok{};
  return tour_assisted_session(language, kTourAssociate.id, kTourAssociate.pin);
}

Status<AppError> App::tour() {
  if (auto enrolled = enroll_tour_staff(); !enrolled) return enrolled;
  auto shot = [this](const std::string& name) { return screenshot(name); };
  auto press = [this](const std::string& id) { return press_target(id); };
  for (Language language : {Language::English, Language::French}) {
    const std::string suffix(language_code(language));
    session_.apply(action::Cancel{});
    if (auto s = shot("01-welcome-" + suffix); !s) return s;
    if (auto s = press(language == Language::French ? "welcome.start.fr" : "welcome.start.en"); !s) return s;
    if (auto s = shot("02-scan-id-" + suffix); !s) return s;
    const std::string not_a_licence = "https://example.com/promo";
    deliver_scan(
        std::span(reinterpret_cast<const std::uint8_t*>(not_a_licence.data()), not_a_licence.size()));
    if (auto s = shot("03-scan-refused-" + suffix); !s) return s;
    deliver_scan(demo_licence_payload(clock_.today()));
    if (auto s = shot("04-confirm-identity-" + suffix); !s) return s;
    if (!store_) continue;  // out of service: the last shot shows why
    if (auto s = press("confirm.yes"); !s) return s;
    if (!settle_store())
      return fail(AppError{AppErrc::ScreenshotFailed, "tour: the client look-up did not end"});
    // The demo client is new the first time and returning the second: show the policy either way.
    if (session_.screen() == Screen::Choices) {
      if (auto s = press("choices.policy"); !s) return s;
    }
    if (auto s = shot("05-policy-" + suffix); !s) return s;
    if (auto s = press("policy.continue"); !s) return s;
    if (auto s = press("choice.marketing-analysis.no"); !s) return s;
    if (auto s = shot("06-choices-" + suffix); !s) return s;
    if (auto s = press("choices.save"); !s) return s;
    if (!settle_store()) return fail(AppError{AppErrc::ScreenshotFailed, "tour: the commit did not end"});
    if (auto s = shot("07-saved-" + suffix); !s) return s;
    if (session_.screen() != Screen::Saved) {
      return fail(AppError{AppErrc::ScreenshotFailed, "tour: the demo consent was not saved"});
    }
    if (auto s = press("saved.done"); !s) return s;
    if (auto s = tour_client_path(language); !s) return s;
    if (auto s = tour_staff_screens(language); !s) return s;
  }
  session_.go_out_of_service(text::app::tour_disk_full);
  if (auto s = shot("99-out-of-service"); !s) return s;
  if (!store_) return Ok{};
  // A tech signs in from the out-of-service screen and brings the kiosk back.
  if (auto s = press("staff.open"); !s) return s;
  if (auto s = staff_sign_in(kTourTech.id, kTourTech.pin); !s) return s;
  if (auto s = shot("99-diagnostics-out-of-service-en"); !s) return s;
  if (auto s = press("staff.return-to-service"); !s) return s;
  if (session_.screen() != Screen::Welcome)
    return fail(
        AppError{AppErrc::ScreenshotFailed, "tour: return to service did not bring the welcome screen"});
  return Ok{};
}

}  // namespace kiosk
