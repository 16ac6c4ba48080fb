#include <catch2/catch.hpp>

#include <random>

#include "kiosk/drivers/decode/image_ops.hpp"

using namespace kiosk::drivers;

namespace {

// A horizontal ramp: level = 10 + 2 x.
GrayImage ramp(int width, int height) {
  GrayImage image(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) image.at(x, y) = static_cast<std::uint8_t>(10 + 2 * x);
  }
  return image;
}

// Black with a white rectangle from (left, top), width x height.
GrayImage with_block(int size, int left, int top, int width, int height) {
  GrayImage image(size, size, 0);
  for (int y = top; y < top + height; ++y) {
    for (int x = left; x < left + width; ++x) image.at(x, y) = 255;
  }
  return image;
}

double mean(const GrayImage& image) {
  double sum = 0;
  for (auto level : image.pixels()) sum += level;
  return sum / static_cast<double>(image.pixels().size());
}

}  // namespace

TEST_CASE("Colour views become grey with the Rec. 601 weights - strides are honoured") {
  // Two pixels per row, padded to 8 bytes: pure red, pure green.
  const std::uint8_t rgb[] = {255, 0, 0, 0, 255, 0, 9, 9, 0, 0, 255, 255, 255, 255, 9, 9};
  const GrayImage gray = to_gray({rgb, 2, 2, PixelFormat::Rgb, 8});
  REQUIRE(gray.width() == 2);
  CHECK(gray.at(0, 0) == 76);   // 0.299 * 255
  CHECK(gray.at(1, 0) == 150);  // 0.587 * 255
  CHECK(gray.at(0, 1) == 29);   // 0.114 * 255
  CHECK(gray.at(1, 1) == 255);

  const std::uint8_t rgba[] = {0, 0, 255, 0, 10, 20, 30, 255};
  const GrayImage from_rgba = to_gray({rgba, 2, 1, PixelFormat::Rgba, 0});
  CHECK(from_rgba.at(0, 0) == 29);
  CHECK(from_rgba.at(1, 0) == 18);
  CHECK(to_gray({nullptr, 4, 4, PixelFormat::Gray, 0}).empty());
}

TEST_CASE("Bilinear sampling interpolates between pixel centres and reports outside positions") {
  const GrayImage image = ramp(10, 3);
  CHECK(sample_bilinear(image, {0.5, 0.5}, 0) == 10);
  CHECK(sample_bilinear(image, {1.0, 1.5}, 0) == 11);  // halfway between 10 and 12
  CHECK(sample_bilinear(image, {3.25, 1.5}, 0) == 16);
  CHECK(sample_bilinear(image, {-0.1, 1}, 77) == 77);
  CHECK(sample_bilinear(image, {10.0, 1}, 77) == 77);
}

TEST_CASE("Warping a quadrilateral onto a rectangle crops, scales and straightens") {
  const GrayImage image = ramp(40, 20);
  // The identity: the image's own outline.
  const Quad whole{{{{0, 0}, {40, 0}, {40, 20}, {0, 20}}}};
  CHECK(warp_quad_to_rectangle(image, whole, 40, 20, 0).pixels() == image.pixels());

  // A crop at double size: output pixel u covers frame x = 10 + u / 2.
  const Quad part{{{{10, 5}, {20, 5}, {20, 10}, {10, 10}}}};
  const GrayImage enlarged = warp_quad_to_rectangle(image, part, 20, 10, 0);
  REQUIRE(enlarged.width() == 20);
  CHECK(enlarged.at(1, 3) == sample_bilinear(image, {10.75, 6.75}, 0));
  CHECK(enlarged.at(19, 9) == sample_bilinear(image, {19.75, 9.75}, 0));

  // Turned upside down: the corners' order says where each goes.
  const Quad flipped{{{{40, 20}, {0, 20}, {0, 0}, {40, 0}}}};
  const GrayImage upside_down = warp_quad_to_rectangle(image, flipped, 40, 20, 0);
  CHECK(upside_down.at(0, 0) == image.at(39, 19));
  CHECK(upside_down.at(39, 5) == image.at(0, 14));

  // Outside the frame is filled.
  const Quad beyond{{{{30, 0}, {50, 0}, {50, 20}, {30, 20}}}};
  CHECK(warp_quad_to_rectangle(image, beyond, 20, 20, 200).at(15, 10) == 200);
}

TEST_CASE("Rotating by a quarter turn moves every pixel where it belongs - the canvas grows to fit") {
  GrayImage image(6, 4, 0);
  image.at(0, 0) = 255;  // top-left
  const GrayImage turned = rotate(image, 90, 0);
  REQUIRE(turned.width() == 4);
  REQUIRE(turned.height() == 6);
  CHECK(turned.at(0, 5) == 255);  // counter-clockwise: top-left goes to bottom-left
  CHECK(turned.at(0, 0) == 0);

  const GrayImage slanted = rotate(GrayImage(100, 40, 90), 10, 0);
  CHECK(slanted.width() == 106);  // 100 cos 10 + 40 sin 10 = 105.4
  CHECK(slanted.height() == 57);  // 100 sin 10 + 40 cos 10 = 56.8
  CHECK(slanted.at(53, 28) == 90);
  CHECK(slanted.at(0, 0) == 0);
}

TEST_CASE("Crop clips to the image - resize and shrink keep the content's level") {
  const GrayImage image = ramp(10, 10);
  const GrayImage cropped = crop(image, 8, -3, 5, 5);
  REQUIRE(cropped.width() == 2);
  REQUIRE(cropped.height() == 2);
  CHECK(cropped.at(0, 0) == image.at(8, 0));
  CHECK(crop(image, 20, 20, 5, 5).empty());

  const GrayImage flat(30, 20, 123);
  CHECK(resize(flat, 75, 50).at(40, 25) == 123);
  const GrayImage shrunk = shrink_by(ramp(10, 4), 2);
  REQUIRE(shrunk.width() == 5);
  REQUIRE(shrunk.height() == 2);
  CHECK(shrunk.at(1, 0) == 15);  // mean of 14 and 16
}

TEST_CASE("Blurring keeps a flat image flat and the mean of any image, and softens an edge") {
  CHECK(gaussian_blur(GrayImage(20, 20, 77), 1.5).pixels() == GrayImage(20, 20, 77).pixels());
  const GrayImage block = with_block(40, 10, 10, 20, 20);
  const GrayImage blurred = gaussian_blur(block, 1.5);
  CHECK(mean(blurred) == Approx(mean(block)).epsilon(0.01));
  CHECK(blurred.at(20, 20) == 255);
  CHECK(blurred.at(10, 20) > 90);  // on the edge: about half
  CHECK(blurred.at(10, 20) < 180);
  CHECK(blurred.at(8, 20) > 0);
}

TEST_CASE("The 3x3 median removes isolated specks and keeps edges where they were") {
  GrayImage image = with_block(20, 5, 0, 10, 20);
  image.at(2, 2) = 255;  // a white speck on black
  image.at(10, 10) = 0;  // a black speck on white
  const GrayImage filtered = median3(image);
  CHECK(filtered.at(2, 2) == 0);
  CHECK(filtered.at(10, 10) == 255);
  CHECK(filtered.at(4, 10) == 0);
  CHECK(filtered.at(5, 10) == 255);
  CHECK(filtered.at(14, 10) == 255);
  CHECK(filtered.at(15, 10) == 0);
}

TEST_CASE("Sharpening steepens a soft edge and leaves flat areas alone") {
  const GrayImage soft = gaussian_blur(with_block(40, 20, 0, 20, 40), 2);
  const GrayImage sharp = sharpen(soft, 2, 1.5);
  CHECK(sharp.at(21, 20) - sharp.at(18, 20) > soft.at(21, 20) - soft.at(18, 20));
  CHECK(sharp.at(2, 20) == soft.at(2, 20));
}

TEST_CASE("Otsu's threshold falls between the two populations - the median level is the middle one") {
  GrayImage image(100, 10);
  std::mt19937 random(7);
  for (int y = 0; y < 10; ++y) {
    for (int x = 0; x < 100; ++x) {
      image.at(x, y) = static_cast<std::uint8_t>(x < 30 ? 30 + random() % 20 : 200 + random() % 20);
    }
  }
  const std::uint8_t threshold = otsu_threshold(image);
  CHECK(threshold >= 49);
  CHECK(threshold < 200);
  CHECK(median_level(image) >= 200);
}

TEST_CASE("A warp samples each pixel as sample_bilinear does, edges included") {
  GrayImage image(40, 30);
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x)
      image.at(x, y) = static_cast<std::uint8_t>((x * 37 + y * 91 + (x * y) % 23) % 256);
  }
  // A turned rectangle (affine) and a trapezoid (projective), both reaching past the image.
  const Quad turned = rotated_rectangle({20, 15}, 44, 20, 17);
  const Quad trapezoid{{PointF{-3, 2}, PointF{43, -1}, PointF{35, 28}, PointF{4, 33}}};
  for (const Quad& quad : {turned, trapezoid}) {
    const int width = 57;
    const int height = 23;
    const GrayImage warped = warp_quad_to_rectangle(image, quad, width, height, 7);
    const auto map = Homography::rectangle_to_quad(width, height, quad);
    REQUIRE(map);
    int far = 0;
    for (int v = 0; v < height; ++v) {
      for (int u = 0; u < width; ++u) {
        const int expected = sample_bilinear(image, map->map({u + 0.5, v + 0.5}), 7);
        far += std::abs(warped.at(u, v) - expected) > 1 ? 1 : 0;
      }
    }
    CHECK(far == 0);
  }
}
