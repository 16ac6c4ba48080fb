#include <catch2/catch.hpp>

#include "kiosk/drivers/decode/geometry.hpp"

using namespace kiosk::drivers;

namespace {

void check_near(PointF actual, PointF expected, double tolerance = 1e-6) {
  INFO("(" << actual.x << ", " << actual.y << ") vs (" << expected.x << ", " << expected.y << ")");
  CHECK(actual.x == Approx(expected.x).margin(tolerance));
  CHECK(actual.y == Approx(expected.y).margin(tolerance));
}

}  // namespace

TEST_CASE("A homography takes the rectangle's corners to the quadrilateral's and back") {
  const Quad trapezoid{{{{100, 50}, {420, 80}, {400, 260}, {90, 230}}}};
  const auto map = Homography::rectangle_to_quad(300, 200, trapezoid);
  REQUIRE(map);
  check_near(map->map({0, 0}), trapezoid.corners[0]);
  check_near(map->map({300, 0}), trapezoid.corners[1]);
  check_near(map->map({300, 200}), trapezoid.corners[2]);
  check_near(map->map({0, 200}), trapezoid.corners[3]);

  const auto back = map->inverse();
  REQUIRE(back);
  check_near(back->map(map->map({123, 45})), {123, 45});
  check_near(back->map(trapezoid.corners[2]), {300, 200});
}

TEST_CASE("A homography keeps straight lines straight, and a parallelogram needs no perspective") {
  const Quad trapezoid{{{{0, 0}, {100, 10}, {90, 80}, {5, 60}}}};
  const auto map = Homography::rectangle_to_quad(10, 10, trapezoid);
  REQUIRE(map);
  // Three points on the rectangle's diagonal stay on one line.
  const PointF a = map->map({0, 0});
  const PointF b = map->map({4, 4});
  const PointF c = map->map({10, 10});
  CHECK((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) == Approx(0).margin(1e-9));

  const Quad parallelogram{{{{10, 10}, {110, 20}, {120, 70}, {20, 60}}}};
  const auto affine = Homography::rectangle_to_quad(100, 50, parallelogram);
  REQUIRE(affine);
  check_near(affine->map({50, 25}), parallelogram.centre());
}

TEST_CASE("A degenerate quadrilateral has no homography") {
  const Quad flat{{{{0, 0}, {10, 0}, {20, 0}, {30, 0}}}};
  CHECK_FALSE(Homography::rectangle_to_quad(10, 10, flat));
  CHECK_FALSE(Homography::rectangle_to_quad(0, 10, Quad{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}}));
}

TEST_CASE("A rotated rectangle turns counter-clockwise on screen, y pointing down") {
  const Quad upright = rotated_rectangle({50, 50}, 20, 10, 0);
  check_near(upright.corners[0], {40, 45});
  check_near(upright.corners[2], {60, 55});

  // A quarter turn counter-clockwise on screen puts the top-left corner at the bottom-left.
  const Quad turned = rotated_rectangle({0, 0}, 20, 10, 90);
  check_near(turned.corners[0], {-5, 10});
  check_near(turned.corners[1], {-5, -10});
  CHECK(turned.mean_width() == Approx(20));
  CHECK(turned.mean_height() == Approx(10));
  check_near(turned.centre(), {0, 0});
}

TEST_CASE("Two lines cross where both equations hold - parallel lines do not cross") {
  const auto crossing = intersect_lines({0, 0}, {10, 10}, {0, 10}, {10, 0});
  REQUIRE(crossing);
  check_near(*crossing, {5, 5});
  CHECK_FALSE(intersect_lines({0, 0}, {10, 0}, {0, 5}, {10, 5}));
}
