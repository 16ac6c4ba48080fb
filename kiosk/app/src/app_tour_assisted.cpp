// The demo tour's assisted session: an associate signs in and starts it, the demo client scans
// and grants a credit check, a fictional agent is recorded, and the agent asks for access.
#include "kiosk/app/app.hpp"
#include "kiosk/app/demo_identity.hpp"

namespace kiosk {
namespace {

AppError tour_error(std::string detail) {
  return AppError{AppErrc::ScreenshotFailed, "tour: " + std::move(detail)};
}

}  // namespace

Status<AppError> App::tour_assisted_session(Language language, std::string_view associate,
                                            std::string_view pin) {
  const std::string suffix(language_code(language));
  auto press = [this](const std::string& id) { return press_target(id); };
  auto shot = [this](const std::string& name) { return screenshot(name); };
  auto commit = [this]() -> Status<AppError> {
    if (!settle_store()) return fail(tour_error("the commit did not end"));
    if (session_.screen() != Screen::Saved) return fail(tour_error("the assisted record was not saved"));
    return Ok{};
  };
  if (auto s = press("staff.open"); !s) return s;
  if (staff_.language() != language) {
    if (auto s = press("lang.toggle"); !s) return s;
  }
  if (auto s = staff_sign_in(associate, pin); !s) return s;
  if (auto s = press("staff.start-assisted"); !s) return s;
  if (auto s = shot("13-assisted-scan-" + suffix); !s) return s;
  deliver_scan(demo_licence_payload(clock_.today()));
  if (auto s = shot("13-assisted-confirm-" + suffix); !s) return s;
  if (auto s = press("confirm.yes"); !s) return s;
  if (!settle_store()) return fail(tour_error("the client look-up did not end"));
  if (session_.screen() == Screen::Policy) {
    if (auto s = press("policy.continue"); !s) return s;
  }
  frame();
  const auto footer = target_rect("choices.save");
  if (!footer || !scroll_into_view("choice.share-credit-check.yes", footer->y - 8))
    return fail(tour_error("the credit check cannot be scrolled into view"));
  if (auto s = press("choice.share-credit-check.yes"); !s) return s;
  if (auto s = shot("13-assisted-" + suffix); !s) return s;
  if (auto s = press("choices.save"); !s) return s;
  if (auto s = commit(); !s) return s;
  if (auto s = press("assisted.continue"); !s) return s;

  if (auto s = press("assisted.add-agent"); !s) return s;
  if (auto s = shot("14-agent-scan-" + suffix); !s) return s;
  deliver_scan(demo_agent_licence_payload(clock_.today()));
  if (auto s = press("agent.document.power-of-attorney"); !s) return s;
  if (auto s = shot("15-agent-" + suffix); !s) return s;
  if (auto s = press("agent.confirm"); !s) return s;
  if (auto s = commit(); !s) return s;
  if (auto s = press("assisted.continue"); !s) return s;

  if (auto s = press("assisted.access"); !s) return s;
  if (auto s = press("access.by.agent"); !s) return s;
  if (auto s = press("access.delivery.email"); !s) return s;
  if (auto s = shot("16-access-" + suffix); !s) return s;
  if (auto s = press("access.send"); !s) return s;
  if (auto s = commit(); !s) return s;
  if (auto s = shot("17-access-saved-assisted-" + suffix); !s) return s;
  return press("saved.done");
}

}  // namespace kiosk
