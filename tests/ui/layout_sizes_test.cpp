// Every screen of the tour, in English and French, drawn by the real window at the three display
// sizes a store deploys (1280x800, 1920x1080 landscape, 1080x1920 portrait): each touch target
// inside the window and its list, none over another, each large enough for a finger, and each
// button's words inside the button.
#include <imgui.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "headless_kiosk.hpp"
#include "kiosk/app/demo_identity.hpp"
#include "kiosk/ui/layout.hpp"
#include "kiosk/ui/layout_check.hpp"

using namespace kiosk;

namespace {

struct Shot {
  std::vector<std::string> problems;
  std::size_t targets = 0;
};

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += "  " + line + "\n";
  return text;
}

ui::LayoutRules rules_for(int width, int height) {
  const float scale = ui::layout_scale(static_cast<float>(width), static_cast<float>(height));
  ui::LayoutRules rules;
  rules.window_width = static_cast<float>(width);
  rules.window_height = static_cast<float>(height);
  rules.min_target_height = 96 * scale;
  rules.min_label_margin = 8 * scale;
  return rules;
}

}  // namespace

TEST_CASE("the inactivity countdown has a banner of its own and covers no button at any size") {
  const auto [width, height] = GENERATE(table<int, int>({{1280, 800}, {1920, 1080}, {1080, 1920}}));
  INFO(width << "x" << height);
  std::vector<std::string> problems;
  bool countdown_drawn = false;
  float countdown_top = 0;
  float lowest_button = 0;
  HeadlessKiosk kiosk(
      [&, width = width, height = height](AppOptions& options) {
        options.on_screenshot = [&, width, height](const std::string&, const ui::HitRegions& hits) {
          problems = ui::find_layout_problems(hits, rules_for(width, height));
          for (const auto& [id, region] : hits.all()) {
            if (id == "countdown") {
              countdown_drawn = true;
              countdown_top = region.rect.y;
            } else if (region.touch && !region.scrolls) {
              lowest_button = std::max(lowest_button, region.rect.bottom());
            }
          }
        };
      },
      [width = width, height = height](KioskConfig& config) {
        config.width = width;
        config.height = height;
      });
  REQUIRE(kiosk.app->tap_target("welcome.start.fr"));
  kiosk.app->deliver_scan(demo_licence_payload(kiosk.clock.today()));
  kiosk.app->frame();
  REQUIRE(kiosk.app->tap_target("confirm.yes"));
  REQUIRE(kiosk.app->settle_store());
  kiosk.app->frame();
  REQUIRE(kiosk.app->tap_target("policy.continue"));  // a new client reads the policy first
  REQUIRE(kiosk.app->session().screen() == Screen::Choices);
  // Ten seconds before the screen clears itself.
  kiosk.clock.advance(std::chrono::seconds(50));
  REQUIRE(kiosk.app->screenshot("countdown").has_value());
  REQUIRE(kiosk.app->session().screen() == Screen::Choices);
  CHECK(countdown_drawn);
  CHECK(lowest_button <= countdown_top);
  INFO(joined(problems));
  CHECK(problems.empty());
}

TEST_CASE("no screen clips or overlaps or shrinks a touch target at 1280x800 and 1920x1080 and 1080x1920") {
  const auto [width, height] = GENERATE(table<int, int>({{1280, 800}, {1920, 1080}, {1080, 1920}}));
  INFO(width << "x" << height);
  const float scale = ui::layout_scale(static_cast<float>(width), static_cast<float>(height));
  std::map<std::string, Shot> shots;
  HeadlessKiosk kiosk(
      [&shots, width = width, height = height](AppOptions& options) {
        options.on_screenshot = [&shots, width, height](const std::string& name, const ui::HitRegions& hits) {
          Shot& shot = shots[name];
          shot.problems = ui::find_layout_problems(hits, rules_for(width, height));
          for (const auto& [id, region] : hits.all()) shot.targets += region.touch ? 1 : 0;
        };
      },
      [width = width, height = height](KioskConfig& config) {
        config.width = width;
        config.height = height;
      });
  // The fonts were rasterised at the display's scale, not stretched.
  CHECK(ImGui::GetIO().FontGlobalScale == 1.0f);
  CHECK(ImGui::GetIO().FontDefault->FontSize == Approx(34 * scale));

  auto toured = kiosk.app->tour();
  INFO((toured ? std::string() : toured.error().message()));
  REQUIRE(toured.has_value());
  // Every client and staff screen in both languages, and the kiosk out of service.
  CHECK(shots.size() >= 26);
  for (const char* name :
       {"01-welcome-fr", "03-scan-refused-en", "04-confirm-identity-fr", "05-policy-fr", "06-choices-fr",
        "07-saved-fr", "09-pin-fr", "11-associate-home-fr", "12-diagnostics-fr", "99-out-of-service"}) {
    CHECK(shots.count(name) == 1);
  }
  for (const auto& [name, shot] : shots) {
    INFO(name << ":\n" << joined(shot.problems));
    CHECK(shot.problems.empty());
    CHECK(shot.targets > 0);
  }
}

TEST_CASE("the layout scale follows the display's short side, the same turned on its side") {
  CHECK(ui::layout_scale(1280, 800) == Approx(1.0));
  CHECK(ui::layout_scale(1920, 1080) == Approx(1.35));
  CHECK(ui::layout_scale(1080, 1920) == Approx(1.35));
  // A 5:4 panel is held back by its width, so the 1280-wide design still fits across it.
  CHECK(ui::layout_scale(1280, 1024) == Approx(1.0));
  CHECK(ui::layout_scale(3840, 2160) == Approx(2.7));
}
