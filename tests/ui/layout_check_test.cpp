// The layout check itself, on hand-made regions: each rule can fail.
#include <catch2/catch.hpp>

#include <string>

#include "kiosk/ui/layout_check.hpp"

using namespace kiosk;

namespace {

constexpr ui::Rect kWindow{0, 0, 1000, 800};

ui::HitRegion button(ui::Rect rect, float label_width = 100, ui::Rect area = kWindow) {
  ui::HitRegion region;
  region.rect = rect;
  region.label = "Go";
  region.label_width = label_width;
  region.label_height = 40;
  region.visible_area = area;
  return region;
}

ui::LayoutRules rules() {
  return ui::LayoutRules{1000, 800, 96, 8};
}

std::string only_problem(const ui::HitRegions& hits) {
  const auto problems = ui::find_layout_problems(hits, rules());
  REQUIRE(problems.size() == 1);
  return problems.front();
}

}  // namespace

TEST_CASE("a screen whose targets fit has no layout problem") {
  ui::HitRegions hits;
  hits.record("a", button({100, 100, 300, 100}));
  hits.record("b", button({420, 100, 300, 100}));
  CHECK(ui::find_layout_problems(hits, rules()).empty());
}

TEST_CASE("a target past the window's edge is clipped") {
  ui::HitRegions hits;
  hits.record("a", button({800, 100, 300, 100}));
  CHECK(only_problem(hits).find("a: (800,100 300x100) is cut") == 0);
}

TEST_CASE("overlapping targets and a short target and words wider than their button are each found") {
  ui::HitRegions overlap;
  overlap.record("a", button({100, 100, 300, 100}));
  overlap.record("b", button({350, 150, 300, 100}));
  CHECK(only_problem(overlap).find("overlaps b") != std::string::npos);

  ui::HitRegions short_target;
  short_target.record("a", button({100, 100, 300, 60}));
  CHECK(only_problem(short_target).find("too short") != std::string::npos);

  ui::HitRegions tight;
  tight.record("a", button({100, 100, 300, 100}, 290));
  CHECK(only_problem(tight).find("touch the edges") != std::string::npos);
  ui::HitRegions wide;
  wide.record("a", button({100, 100, 300, 100}, 320));
  CHECK(ui::find_layout_problems(wide, rules()).size() == 2);  // larger than, and so touching the edges
}

TEST_CASE("a scrolling list may hide rows above and below, never sideways") {
  const ui::Rect list{50, 200, 600, 300};
  ui::HitRegions hits;
  ui::HitRegion below = button({100, 900, 300, 100}, 100, list);
  below.scrolls = true;
  hits.record("scrolled-away", below);
  ui::HitRegion half = button({100, 450, 300, 100}, 100, list);
  half.scrolls = true;
  hits.record("half-shown", half);
  CHECK(ui::find_layout_problems(hits, rules()).empty());

  ui::HitRegion sideways = button({500, 300, 300, 100}, 100, list);
  sideways.scrolls = true;
  hits.record("sideways", sideways);
  CHECK(only_problem(hits).find("sideways") == 0);

  // A list that does not scroll must show all of its rows.
  ui::HitRegions fixed;
  fixed.record("cut", button({100, 450, 300, 100}, 100, list));
  CHECK(only_problem(fixed).find("cut") == 0);
}

TEST_CASE("a button drawn over a title is found and words beside words are not") {
  ui::HitRegion title = button({100, 40, 700, 80}, 700);
  title.touch = false;
  ui::HitRegions hits;
  hits.record("title", title);
  ui::HitRegion notes = title;
  notes.rect = {100, 100, 500, 80};  // under the title's last line, clear of the switch
  notes.label_width = 500;
  hits.record("notes", notes);
  CHECK(ui::find_layout_problems(hits, rules()).empty());
  hits.record("switch", button({700, 40, 240, 100}));
  CHECK(only_problem(hits).find("overlaps title") != std::string::npos);
}

TEST_CASE("a row scrolled out of sight is still checked for its words and its height") {
  const ui::Rect list{50, 200, 600, 300};
  ui::HitRegion row = button({100, 900, 300, 100}, 400, list);
  row.scrolls = true;
  ui::HitRegions hits;
  hits.record("overfull", row);
  const auto problems = ui::find_layout_problems(hits, rules());
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].find("are larger than") != std::string::npos);
  CHECK(problems[1].find("touch the edges") != std::string::npos);
}
