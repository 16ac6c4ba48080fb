#pragma once
// Pictures of PDF417 barcodes as cameras and scanners deliver them, made from a payload and a
// seed: straight from the encoder, turned, in perspective, noisy, small, blurred, JPEG-damaged, or
// on a card in a cluttered 1280x720 frame. The symbol is encoded by ZXing's own writer and drawn
// by sampling each pixel 16 times through the placement's homography, as a lens integrates light.

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/drivers/decode/geometry.hpp"
#include "kiosk/drivers/decode/gray_image.hpp"
#include "kiosk/drivers/decode/image_file.hpp"
#include "kiosk/drivers/decode/image_ops.hpp"

namespace kiosk::testing {

using drivers::GrayImage;
using drivers::PointF;
using drivers::Quad;

enum class Distortion { Clean, Rotated, Perspective, Noisy, Small, Blurred, Jpeg, Framed };

inline constexpr std::array<Distortion, 7> camera_distortions{
    Distortion::Rotated, Distortion::Perspective, Distortion::Noisy,  Distortion::Small,
    Distortion::Blurred, Distortion::Jpeg,        Distortion::Framed};

inline std::string_view to_string(Distortion distortion) {
  switch (distortion) {
    case Distortion::Clean: return "clean";
    case Distortion::Rotated: return "rotated";
    case Distortion::Perspective: return "perspective";
    case Distortion::Noisy: return "noisy";
    case Distortion::Small: return "small";
    case Distortion::Blurred: return "blurred";
    case Distortion::Jpeg: return "jpeg";
    case Distortion::Framed: return "framed";
  }
  return "?";
}

// The symbol's modules; ZXing's writer draws each row four modules tall.
struct Pdf417Symbol {
  int width = 0;
  int height = 0;
  std::vector<bool> bars;

  bool bar(int x, int y) const { return bars[static_cast<std::size_t>(y * width + x)]; }
};

inline Pdf417Symbol encode_pdf417(const std::vector<std::uint8_t>& payload) {
  // One wide character per byte with ISO 8859-1 puts the bytes into the symbol unchanged.
  std::wstring characters(payload.begin(), payload.end());
  const auto matrix = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::PDF417)
                          .setEncoding(ZXing::CharacterSet::ISO8859_1)
                          .setMargin(0)
                          .encode(characters, 0, 0);
  Pdf417Symbol symbol{matrix.width(), matrix.height(), {}};
  for (int y = 0; y < matrix.height(); ++y) {
    for (int x = 0; x < matrix.width(); ++x) symbol.bars.push_back(matrix.get(x, y));
  }
  return symbol;
}

// Draws a flat picture (plane_width x plane_height units, `texture(u, v)` gives the grey level or
// -1 for "not part of the picture") onto `canvas` where `quad` says it lies.
template <class Texture>
void paint(GrayImage& canvas, const Quad& quad, double plane_width, double plane_height, Texture texture) {
  auto to_canvas = drivers::Homography::rectangle_to_quad(plane_width, plane_height, quad);
  auto to_plane = to_canvas ? to_canvas->inverse() : std::nullopt;
  if (!to_plane) return;
  double left = canvas.width(), top = canvas.height(), right = 0, bottom = 0;
  for (const auto& corner : quad.corners) {
    left = std::min(left, corner.x), right = std::max(right, corner.x);
    top = std::min(top, corner.y), bottom = std::max(bottom, corner.y);
  }
  const int x0 = std::max(0, static_cast<int>(left)), x1 = std::min(canvas.width() - 1, static_cast<int>(right));
  const int y0 = std::max(0, static_cast<int>(top)), y1 = std::min(canvas.height() - 1, static_cast<int>(bottom));
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) {
      int sum = 0;
      for (int sample = 0; sample < 16; ++sample) {
        const PointF plane = to_plane->map({x + (sample % 4 + 0.5) / 4, y + (sample / 4 + 0.5) / 4});
        const int level = plane.x >= 0 && plane.y >= 0 && plane.x < plane_width && plane.y < plane_height
                              ? texture(plane.x, plane.y)
                              : -1;
        sum += level >= 0 ? level : canvas.at(x, y);
      }
      canvas.at(x, y) = static_cast<std::uint8_t>((sum + 8) / 16);
    }
  }
}

// The symbol with a quiet zone of `quiet` modules, as a texture in module units.
struct LabelTexture {
  const Pdf417Symbol* symbol;
  double quiet;
  int ink;
  int paper;

  double width() const { return symbol->width + 2 * quiet; }
  double height() const { return symbol->height + 2 * quiet; }
  int operator()(double u, double v) const {
    const double x = u - quiet;
    const double y = v - quiet;
    if (x < 0 || y < 0 || x >= symbol->width || y >= symbol->height) return paper;
    return symbol->bar(static_cast<int>(x), static_cast<int>(y)) ? ink : paper;
  }
};

struct Scene {
  GrayImage image;
  Distortion distortion;
  std::string description;
};

namespace scene_detail {

inline double uniform(std::mt19937& random, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(random);
}

inline double signed_angle(std::mt19937& random, double low, double high) {
  return (random() % 2 == 0 ? 1 : -1) * uniform(random, low, high);
}

inline void add_noise(GrayImage& image, std::mt19937& random, double sigma) {
  std::normal_distribution<double> noise(0, sigma);
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      image.at(x, y) = static_cast<std::uint8_t>(std::clamp(image.at(x, y) + noise(random), 0.0, 255.0));
    }
  }
}

inline GrayImage jpeg_round_trip(const GrayImage& image, int quality) {
  std::vector<std::uint8_t> encoded;
  auto append = [](void* context, void* data, int size) {
    auto* bytes = static_cast<std::uint8_t*>(data);
    static_cast<std::vector<std::uint8_t>*>(context)->insert(static_cast<std::vector<std::uint8_t>*>(context)->end(),
                                                              bytes, bytes + size);
  };
  stbi_write_jpg_to_func(append, &encoded, image.width(), image.height(), 1, image.pixels().data(), quality);
  auto decoded = drivers::decode_gray_image(encoded, "jpeg round trip");
  return decoded ? std::move(decoded.value()) : GrayImage{};
}

// A rectangle turned by `degrees`, with one side foreshortened by `recede` (a fraction of its
// length at each end), as when the card is tilted away from the camera.
inline Quad tilted(PointF centre, double width, double height, double degrees, double recede, int side) {
  Quad quad = drivers::rotated_rectangle(centre, width, height, 0);
  auto pull = [&](std::size_t a, std::size_t b) {
    const PointF from = quad.corners[a];
    const PointF to = quad.corners[b];
    quad.corners[a] = {from.x + (to.x - from.x) * recede, from.y + (to.y - from.y) * recede};
    quad.corners[b] = {to.x + (from.x - to.x) * recede, to.y + (from.y - to.y) * recede};
  };
  switch (side) {
    case 0: pull(0, 1); break;  // top edge further away
    case 1: pull(3, 2); break;  // bottom
    case 2: pull(0, 3); break;  // left
    default: pull(1, 2); break; // right
  }
  const double radians = -degrees * std::numbers::pi / 180;
  for (auto& corner : quad.corners) {
    const double dx = corner.x - centre.x;
    const double dy = corner.y - centre.y;
    corner = {centre.x + dx * std::cos(radians) - dy * std::sin(radians),
              centre.y + dx * std::sin(radians) + dy * std::cos(radians)};
  }
  return quad;
}

// A canvas just big enough for `quad` plus a margin, with the quad moved into it.
inline GrayImage canvas_around(Quad& quad, int margin, std::uint8_t fill) {
  double left = 1e9, top = 1e9, right = -1e9, bottom = -1e9;
  for (const auto& corner : quad.corners) {
    left = std::min(left, corner.x), right = std::max(right, corner.x);
    top = std::min(top, corner.y), bottom = std::max(bottom, corner.y);
  }
  for (auto& corner : quad.corners) corner = {corner.x - left + margin, corner.y - top + margin};
  return GrayImage(static_cast<int>(std::ceil(right - left)) + 2 * margin,
                   static_cast<int>(std::ceil(bottom - top)) + 2 * margin, fill);
}

// A 1280x720 desk: a lighting gradient, papers, cables and printed text.
inline GrayImage cluttered_frame(std::mt19937& random) {
  GrayImage frame(1280, 720);
  const double base = uniform(random, 70, 150);
  const double slope = uniform(random, -0.06, 0.06);
  for (int y = 0; y < frame.height(); ++y) {
    for (int x = 0; x < frame.width(); ++x) {
      frame.at(x, y) = static_cast<std::uint8_t>(std::clamp(base + slope * x + 0.03 * y, 0.0, 255.0));
    }
  }
  auto fill_rect = [&](int left, int top, int width, int height, std::uint8_t level) {
    for (int y = std::max(0, top); y < std::min(frame.height(), top + height); ++y) {
      for (int x = std::max(0, left); x < std::min(frame.width(), left + width); ++x) frame.at(x, y) = level;
    }
  };
  for (int i = 0; i < 12; ++i) {
    fill_rect(static_cast<int>(random() % 1280) - 100, static_cast<int>(random() % 720) - 100,
              80 + static_cast<int>(random() % 300), 40 + static_cast<int>(random() % 200),
              static_cast<std::uint8_t>(random() % 256));
  }
  for (int line = 0; line < 14; ++line) {  // text: words of letter-sized blocks in lines
    int x = static_cast<int>(random() % 1100);
    const int y = static_cast<int>(random() % 700);
    const int size = 6 + static_cast<int>(random() % 10);
    for (int letter = 0; letter < 30; ++letter) {
      if (random() % 6 == 0) {
        x += size;
        continue;
      }
      fill_rect(x, y + static_cast<int>(random() % 3), size / 2 + static_cast<int>(random() % 3), size,
                static_cast<std::uint8_t>(random() % 60));
      x += size * 2 / 3 + 1;
    }
  }
  for (int i = 0; i < 6; ++i) {  // cables: thick straight strokes at any angle
    const double angle = uniform(random, 0, std::numbers::pi);
    const double cx = uniform(random, 0, 1280), cy = uniform(random, 0, 720);
    const auto level = static_cast<std::uint8_t>(random() % 80);
    for (double t = -700; t < 700; t += 0.5) {
      fill_rect(static_cast<int>(cx + t * std::cos(angle)), static_cast<int>(cy + t * std::sin(angle)), 4, 4, level);
    }
  }
  return frame;
}

}  // namespace scene_detail

// One picture of `payload` with the given distortion; the seed picks the amounts (documented in
// the description, e.g. "rotated 7.3 deg, module 2.5 px").
inline Scene make_scene(const std::vector<std::uint8_t>& payload, Distortion distortion, std::uint32_t seed) {
  using namespace scene_detail;
  std::mt19937 random(seed);
  const Pdf417Symbol symbol = encode_pdf417(payload);
  Scene scene{{}, distortion, std::string(to_string(distortion))};
  auto describe = [&](std::string_view what, double value) {
    scene.description += " " + std::string(what) + " " + std::to_string(value).substr(0, 5);
  };
  LabelTexture label{&symbol, 4, 0, 255};
  double module = std::array<double, 3>{2, 2.5, 3}[random() % 3];

  auto place_alone = [&](double degrees, double recede, int side, int margin) {
    Quad quad = tilted({0, 0}, label.width() * module, label.height() * module, degrees, recede, side);
    scene.image = canvas_around(quad, margin, static_cast<std::uint8_t>(label.paper));
    paint(scene.image, quad, label.width(), label.height(), label);
  };

  switch (distortion) {
    case Distortion::Clean:
      place_alone(0, 0, 0, 0);
      break;
    case Distortion::Rotated: {
      const double degrees = signed_angle(random, 3, 12);
      describe("deg", degrees);
      place_alone(degrees, 0, 0, 4);
      break;
    }
    case Distortion::Perspective: {
      const double recede = uniform(random, 0.05, 0.12);
      const double degrees = uniform(random, -3, 3);
      describe("recede", recede);
      describe("deg", degrees);
      place_alone(degrees, recede, static_cast<int>(random() % 4), 6);
      break;
    }
    case Distortion::Noisy: {
      label.ink = 40, label.paper = 200;
      const double sigma = uniform(random, 25, 40);
      describe("sigma", sigma);
      place_alone(uniform(random, -1, 1), 0, 0, 8);
      add_noise(scene.image, random, sigma);
      break;
    }
    case Distortion::Small: {
      module = uniform(random, 1.05, 1.35);
      place_alone(uniform(random, -1, 1), 0, 0, 4);
      break;
    }
    case Distortion::Blurred: {
      module = 3;
      const double sigma = uniform(random, 1.0, 1.6);
      describe("blur", sigma);
      place_alone(uniform(random, -1, 1), 0, 0, 8);
      scene.image = drivers::gaussian_blur(scene.image, sigma);
      break;
    }
    case Distortion::Jpeg: {
      const int quality = 30 + static_cast<int>(random() % 30);
      const double degrees = signed_angle(random, 3, 8);
      describe("quality", quality);
      describe("deg", degrees);
      place_alone(degrees, 0, 0, 6);
      add_noise(scene.image, random, 4);
      scene.image = jpeg_round_trip(scene.image, quality);
      break;
    }
    case Distortion::Framed: {
      scene.image = cluttered_frame(random);
      module = uniform(random, 1.6, 2.4);
      const double degrees = signed_angle(random, 3, 12);
      const double recede = uniform(random, 0, 0.06);
      describe("deg", degrees);
      describe("recede", recede);
      // The card: the label inside a white border, with a band of printed text above it.
      const double border = 6;
      const double band = 24;
      const auto paper = static_cast<int>(uniform(random, 215, 250));
      label.paper = paper;
      label.ink = static_cast<int>(uniform(random, 10, 50));
      const double card_width = label.width() + 2 * border;
      const double card_height = label.height() + 2 * border + band;
      std::vector<bool> letters(64 * 6);
      for (std::size_t i = 0; i < letters.size(); ++i) letters[i] = random() % 3 != 0;
      auto card = [&](double u, double v) {
        const double x = u - border;
        const double y = v - border - band;
        if (x >= 0 && y >= 0 && x < label.width() && y < label.height()) return label(x, y);
        const double line = (v - border) / 4;  // text: lines of letter blocks in the band
        if (v >= border && v < border + band - 4 && line - std::floor(line) < 0.6 && u >= border && u < card_width - border) {
          const auto column = static_cast<std::size_t>((u - border) / 2.5) % 64;
          const auto row = static_cast<std::size_t>(line) % 6;
          return letters[row * 64 + column] ? label.ink + 30 : paper;
        }
        return paper;
      };
      const PointF centre{uniform(random, 460, 820), uniform(random, 280, 440)};
      const Quad quad = tilted(centre, card_width * module, card_height * module, degrees, recede,
                               static_cast<int>(random() % 4));
      paint(scene.image, quad, card_width, card_height, card);
      add_noise(scene.image, random, uniform(random, 5, 12));
      scene.image = drivers::gaussian_blur(scene.image, 0.7);
      break;
    }
  }
  describe("module", module);
  return scene;
}

}  // namespace kiosk::testing
