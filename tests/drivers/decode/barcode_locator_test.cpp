#include <catch2/catch.hpp>

#include <cmath>

#include "aamva_like_payloads.hpp"
#include "kiosk/drivers/decode/barcode_locator.hpp"
#include "pdf417_scenes.hpp"

using namespace kiosk::drivers;
using namespace kiosk::testing;

namespace {

// Whether `point` lies inside the convex quadrilateral.
bool inside(const Quad& quad, PointF point) {
  for (std::size_t i = 0; i < 4; ++i) {
    const PointF a = quad.corners[i];
    const PointF b = quad.corners[(i + 1) % 4];
    // Corners go clockwise on screen (y down), so inside is on the right of each side.
    if ((b.x - a.x) * (point.y - a.y) - (b.y - a.y) * (point.x - a.x) < 0) return false;
  }
  return true;
}

// The gap between two turns of a line, which repeats every half turn.
double turn_gap(double a, double b) {
  const double gap = std::fmod(std::abs(a - b), 180.0);
  return std::min(gap, 180 - gap);
}

}  // namespace

TEST_CASE("The locator measures a symbol's turn to within a degree and frames all of it") {
  const Pdf417Symbol symbol = encode_pdf417(aamva_like_payload(11));
  for (const double degrees : {-11.5, -6.0, -2.0, 0.0, 3.5, 8.0, 12.0}) {
    for (const double module : {2.0, 3.0}) {
      const Scene scene = draw_symbol(symbol, module, degrees, 0, 0, 10);
      const auto regions = locate_barcodes(scene.image, 1);
      INFO(degrees << " degrees, " << module << " px modules");
      REQUIRE(regions.size() == 1);
      CHECK(turn_gap(regions[0].skew_degrees, degrees) < 1.0);
      for (const auto& corner : scene.symbol.corners) CHECK(inside(regions[0].bounds, corner));
    }
  }
}

TEST_CASE("A symbol standing on end reads as turned by a quarter, its long side along its rows") {
  const Scene scene = draw_symbol(encode_pdf417(aamva_like_payload(12)), 2, 95, 0, 0, 10);
  const auto regions = locate_barcodes(scene.image, 1);
  REQUIRE(regions.size() == 1);
  CHECK(turn_gap(regions[0].skew_degrees, 95) < 1.0);
  CHECK(regions[0].bounds.mean_width() > regions[0].bounds.mean_height());
  for (const auto& corner : scene.symbol.corners) CHECK(inside(regions[0].bounds, corner));
}

TEST_CASE("On a cluttered desk the strongest region is the card's barcode") {
  for (std::uint32_t seed = 40; seed < 44; ++seed) {
    const Scene scene = make_scene(aamva_like_payload(seed), Distortion::Framed, seed);
    INFO(scene.description);
    const auto regions = locate_barcodes(scene.image, 3);
    REQUIRE_FALSE(regions.empty());
    CHECK(inside(regions[0].bounds, scene.symbol.centre()));
    for (const auto& corner : scene.symbol.corners) CHECK(inside(regions[0].bounds, corner));
    // Not the whole desk: the frame is about as wide as the symbol.
    CHECK(regions[0].bounds.mean_width() < 1.4 * scene.symbol.mean_width());
    for (std::size_t i = 1; i < regions.size(); ++i) CHECK(regions[i].strength <= regions[0].strength);
  }
}

TEST_CASE("A picture without edges has no barcode region") {
  CHECK(locate_barcodes(GrayImage(640, 480, 128), 3).empty());
  CHECK(locate_barcodes(GrayImage(5, 5, 0), 3).empty());
  CHECK(locate_barcodes(GrayImage(), 3).empty());
  // Narrower than a tile but tall enough for a row of them: the fuzzer's 2x6 frame.
  CHECK(locate_barcodes(GrayImage(2, 60, 0), 3).empty());
  CHECK(locate_barcodes(GrayImage(60, 2, 0), 3).empty());
}
