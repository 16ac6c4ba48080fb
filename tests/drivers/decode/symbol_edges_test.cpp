#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "aamva_like_payloads.hpp"
#include "kiosk/drivers/decode/symbol_edges.hpp"
#include "pdf417_scenes.hpp"

using namespace kiosk::drivers;
using namespace kiosk::testing;

TEST_CASE("Noise is measured as the standard deviation that was added") {
  for (const double sigma : {8.0, 20.0, 35.0}) {
    GrayImage image(300, 200, 128);
    std::mt19937 random(3);
    std::normal_distribution<double> noise(0, sigma);
    for (int y = 0; y < image.height(); ++y) {
      for (int x = 0; x < image.width(); ++x) image.at(x, y) = static_cast<std::uint8_t>(128 + noise(random));
    }
    INFO("sigma " << sigma);
    CHECK(estimate_noise(image) == Approx(sigma).epsilon(0.12));
  }
  // A clean symbol's rows are several modules tall: its neighbours agree.
  CHECK(estimate_noise(draw_symbol(encode_pdf417(aamva_like_payload(1)), 2, 0).image) < 1);
}

TEST_CASE("The module width comes out within a tenth of the drawn one") {
  const Pdf417Symbol symbol = encode_pdf417(aamva_like_payload(2));
  for (const double module : {1.3, 2.0, 2.5, 3.0, 4.5}) {
    const Scene scene = draw_symbol(symbol, module, 0.5, 0, 0, 12);
    const auto measured = estimate_module_width(scene.image);
    INFO(module << " px modules");
    REQUIRE(measured);
    CHECK(*measured == Approx(module).epsilon(0.1));
  }
  CHECK_FALSE(estimate_module_width(GrayImage(200, 100, 255)));
}

TEST_CASE("The outline of a symbol in perspective is found to within a module at each corner") {
  const Pdf417Symbol symbol = encode_pdf417(aamva_like_payload(3));
  const double module = 2.5;
  for (int side = 0; side < 4; ++side) {
    for (const double recede : {0.0, 0.06, 0.12}) {
      const Scene scene = draw_symbol(symbol, module, 1.0, recede, side, 15);
      const auto outline = fit_symbol_outline(scene.image, module);
      INFO("side " << side << ", recede " << recede);
      REQUIRE(outline);
      for (std::size_t i = 0; i < 4; ++i) {
        const double miss = std::hypot(outline->corners[i].x - scene.symbol.corners[i].x,
                                       outline->corners[i].y - scene.symbol.corners[i].y);
        INFO("corner " << i);
        CHECK(miss < module);
      }
    }
  }
}

TEST_CASE("The outline stops at the quiet zone, not at print beside the symbol") {
  const Pdf417Symbol symbol = encode_pdf417(aamva_like_payload(4));
  const double module = 2;
  Scene scene = draw_symbol(symbol, module, 0, 0, 0, 40);
  // A line of print above the symbol, three modules clear of it, as on the back of a licence.
  const int top = static_cast<int>(scene.symbol.corners[0].y) - 6 - 8;
  for (int y = top; y < top + 8; ++y) {
    for (int x = 20; x < scene.image.width() - 20; x += 7) {
      for (int dx = 0; dx < 4; ++dx) scene.image.at(x + dx, y) = 30;
    }
  }
  const auto outline = fit_symbol_outline(scene.image, module);
  REQUIRE(outline);
  CHECK(outline->corners[0].y == Approx(scene.symbol.corners[0].y).margin(module));
  CHECK(outline->corners[1].y == Approx(scene.symbol.corners[1].y).margin(module));
}

TEST_CASE("There is no outline where there is no symbol") {
  CHECK_FALSE(fit_symbol_outline(GrayImage(300, 100, 255), 2));
  CHECK_FALSE(fit_symbol_outline(GrayImage(10, 4, 0), 2));
}
