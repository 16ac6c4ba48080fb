#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "aamva_like_payloads.hpp"
#include "kiosk/drivers/decode/pdf417_decoder.hpp"
#include "pdf417_scenes.hpp"

using namespace kiosk::drivers;
using namespace kiosk::testing;

namespace {

// What the decoder can read, not how fast: a sanitizer build on a busy machine may run many
// times slower than the default time budget assumes.
DecodeLimits unhurried() {
  DecodeLimits limits;
  limits.time_budget = std::chrono::hours(1);
  return limits;
}

// Every scene of the distortion from these seeds must give back its payload byte for byte.
void check_round_trips(Distortion distortion, std::uint32_t first_seed, int count) {
  for (std::uint32_t seed = first_seed; seed < first_seed + static_cast<std::uint32_t>(count); ++seed) {
    const auto payload = aamva_like_payload(seed);
    const Scene scene = make_scene(payload, distortion, seed);
    INFO("seed " << seed << ": " << scene.description);
    const auto decoded = decode_pdf417(scene.image.view(), unhurried());
    REQUIRE(decoded);
    CHECK(decoded->payload == payload);
  }
}

bool has_byte(const std::vector<std::uint8_t>& bytes, std::uint8_t wanted) {
  return std::find(bytes.begin(), bytes.end(), wanted) != bytes.end();
}

}  // namespace

TEST_CASE("A clean image is read by the first, direct attempt, byte for byte") {
  for (std::uint32_t seed = 1; seed <= 4; ++seed) {
    const auto payload = aamva_like_payload(seed);
    const auto decoded =
        decode_pdf417(make_scene(payload, Distortion::Clean, seed).image.view(), unhurried());
    REQUIRE(decoded);
    CHECK(decoded->payload == payload);
    CHECK(decoded->step == DecodeStep::Direct);
  }
}

TEST_CASE("Control characters and Latin-1 or UTF-8 accents come back exactly") {
  // Seeds whose payloads carry a Z subfile, and accents in each encoding.
  int latin1 = 0;
  int utf8 = 0;
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    const auto payload = aamva_like_payload(seed);
    const auto decoded =
        decode_pdf417(make_scene(payload, Distortion::Rotated, seed).image.view(), unhurried());
    REQUIRE(decoded);
    CHECK(decoded->payload == payload);
    CHECK(has_byte(decoded->payload, 0x1e));  // record separator
    CHECK(has_byte(decoded->payload, '\r'));
    CHECK(has_byte(decoded->payload, '\n'));
    latin1 += has_byte(payload, 0xc9) && !has_byte(payload, 0xc3) ? 1 : 0;  // É alone
    utf8 += has_byte(payload, 0xc3) ? 1 : 0;
  }
  CHECK(latin1 > 0);
  CHECK(utf8 > 0);
}

TEST_CASE("Turned 3 to 12 degrees: read") {
  check_round_trips(Distortion::Rotated, 100, 5);
}
TEST_CASE("In perspective: read") {
  check_round_trips(Distortion::Perspective, 200, 5);
}
TEST_CASE("Under heavy noise: read") {
  check_round_trips(Distortion::Noisy, 300, 4);
}
TEST_CASE("Small, modules of 1.2 to 1.45 pixels: read") {
  check_round_trips(Distortion::Small, 400, 4);
}
TEST_CASE("Blurred: read") {
  check_round_trips(Distortion::Blurred, 500, 4);
}
TEST_CASE("Turned and JPEG-compressed: read") {
  check_round_trips(Distortion::Jpeg, 600, 4);
}
TEST_CASE("On a card in a cluttered 1280x720 frame: read") {
  check_round_trips(Distortion::Framed, 700, 4);
}

namespace {

// The symbol drawn from `seed`'s payload must come back whole, and from the given step.
void check_read_at_step(std::uint32_t seed, double module, double degrees, double recede, int side,
                        DecodeStep step) {
  const auto payload = aamva_like_payload(seed);
  const auto decoded = decode_pdf417(
      draw_symbol(encode_pdf417(payload), module, degrees, recede, side).image.view(), unhurried());
  REQUIRE(decoded);
  CHECK(decoded->payload == payload);
  CHECK(to_string(decoded->step) == to_string(step));
}

}  // namespace

TEST_CASE("A symbol turned 8 degrees defeats the direct read - straightening reads it") {
  check_read_at_step(5, 2.5, 8, 0, 0, DecodeStep::Straightened);
}

TEST_CASE("A symbol whose left side recedes defeats reading it straightened - its fitted outline reads") {
  // ZXing copes with a far top or bottom edge, not with rows that narrow along their length.
  check_read_at_step(6, 2.5, 0.5, 0.12, 2, DecodeStep::Rectified);
}

TEST_CASE("A colour frame reads like its grey version") {
  const auto payload = aamva_like_payload(7);
  const Scene scene = make_scene(payload, Distortion::Rotated, 7);
  std::vector<std::uint8_t> rgba;
  for (std::uint8_t level : scene.image.pixels()) {
    // A warm tint: the luminance stays close to the grey level.
    rgba.insert(rgba.end(), {static_cast<std::uint8_t>(std::min(255, level + 10)), level,
                             static_cast<std::uint8_t>(std::max(0, level - 20)), 255});
  }
  const auto decoded = decode_pdf417(
      {rgba.data(), scene.image.width(), scene.image.height(), PixelFormat::Rgba, 0}, unhurried());
  REQUIRE(decoded);
  CHECK(decoded->payload == payload);
}

TEST_CASE("A picture with no barcode gives an empty result, not an error") {
  CHECK_FALSE(decode_pdf417(GrayImage(640, 480, 200).view()));
  CHECK_FALSE(decode_pdf417(GrayImage(1, 1, 0).view()));
  CHECK_FALSE(decode_pdf417(ImageView{}));

  // The desk of the framed scenes with no card on it: papers, cables, print.
  std::mt19937 random(8);
  CHECK_FALSE(decode_pdf417(scene_detail::cluttered_frame(random).view(), unhurried()));

  // Stripes and noise: strong parallel edges everywhere, as on a keyboard or a grille.
  GrayImage stripes(1280, 720);
  for (int y = 0; y < stripes.height(); ++y) {
    for (int x = 0; x < stripes.width(); ++x) {
      stripes.at(x, y) = static_cast<std::uint8_t>(((x / 3) % 2 == 0 ? 60 : 190) + random() % 20);
    }
  }
  CHECK_FALSE(decode_pdf417(stripes.view(), unhurried()));
}

TEST_CASE("A picture above the pixel cap is not searched at all") {
  const auto payload = aamva_like_payload(9);
  const Scene scene = make_scene(payload, Distortion::Clean, 9);
  DecodeLimits limits;
  limits.max_pixels = static_cast<std::int64_t>(scene.image.width()) * scene.image.height() - 1;
  DecodeReport report;
  CHECK_FALSE(decode_pdf417(scene.image.view(), limits, &report));
  CHECK(report.stop == DecodeStop::TooLarge);
  CHECK(report.zxing_reads == 0);
  // At the cap it is read.
  limits.max_pixels += 1;
  const auto decoded = decode_pdf417(scene.image.view(), limits, &report);
  REQUIRE(decoded);
  CHECK(decoded->payload == payload);
  CHECK(report.stop == DecodeStop::Finished);
  // The default cap is the image loader's: a 4096 x 4096 frame is searched, a larger one not.
  CHECK(DecodeLimits{}.max_pixels == std::int64_t{4096} * 4096);
}

TEST_CASE("Once the time budget is spent no further attempt starts") {
  // A turned symbol needs a step after the first; with no time at all, none runs.
  const auto payload = aamva_like_payload(11);
  const Scene scene = make_scene(payload, Distortion::Rotated, 11);
  DecodeLimits none;
  none.time_budget = std::chrono::milliseconds(-1);
  DecodeReport report;
  CHECK_FALSE(decode_pdf417(scene.image.view(), none, &report));
  CHECK(report.stop == DecodeStop::OutOfTime);
  CHECK(report.zxing_reads == 0);
  const auto decoded = decode_pdf417(scene.image.view(), unhurried(), &report);
  REQUIRE(decoded);
  CHECK(decoded->payload == payload);
  CHECK(report.stop == DecodeStop::Finished);
}

TEST_CASE("A large stripes picture is refused or given up within its limits, never read") {
  // Strong parallel edges everywhere: the locator finds one region as large as the picture, the
  // kind of picture that once took a minute and 1.4 GB. The resampling cap bounds what any step
  // may make of it.
  GrayImage stripes(2400, 2400);
  for (int y = 0; y < stripes.height(); ++y) {
    for (int x = 0; x < stripes.width(); ++x)
      stripes.at(x, y) = static_cast<std::uint8_t>((x / 2) % 2 ? 40 : 210);
  }
  DecodeLimits limits;
  limits.max_resampled_pixels = 1'000'000;
  DecodeReport report;
  CHECK_FALSE(decode_pdf417(stripes.view(), limits, &report));
  CHECK(report.zxing_reads <= 5);
}

TEST_CASE(
    "Clean, blurred and upright pictures cost one ZXing read - turned ones no read of the whole picture") {
  for (auto [distortion, first] :
       {std::pair{Distortion::Clean, DecodeStep::Direct}, std::pair{Distortion::Blurred, DecodeStep::Direct},
        std::pair{Distortion::Rotated, DecodeStep::Straightened},
        std::pair{Distortion::Small, DecodeStep::Straightened}}) {
    for (std::uint32_t seed = 20; seed < 23; ++seed) {
      const auto payload = aamva_like_payload(seed);
      const Scene scene = make_scene(payload, distortion, seed);
      INFO(scene.description);
      DecodeReport report;
      const auto decoded = decode_pdf417(scene.image.view(), unhurried(), &report);
      REQUIRE(decoded);
      CHECK(decoded->payload == payload);
      CHECK(to_string(decoded->step) == to_string(first));
      CHECK(report.zxing_reads == 1);
    }
  }
}
