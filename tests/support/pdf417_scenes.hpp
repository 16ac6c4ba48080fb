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
    Distortion::Rotated, Distortion::Perspective, Distortion::Noisy, Distortion::Small,
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
  const int x0 = std::max(0, static_cast<int>(left)),
            x1 = std::min(canvas.width() - 1, static_cast<int>(right));
  const int y0 = std::max(0, static_cast<int>(top)),
            y1 = std::min(canvas.height() - 1, static_cast<int>(bottom));
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
  Distortion distortion = Distortion::Clean;
  std::string description;
  Quad symbol;  // where the symbol's own corners (without quiet zone) lie in the image
};

// Where the rectangle [left, left+width] x [top, top+height] of a plane drawn onto `quad`
// (the whole plane being plane_width x plane_height) lands.
inline Quad landing(const Quad& quad, double plane_width, double plane_height, double left, double top,
                    double width, double height) {
  const auto to_canvas = drivers::Homography::rectangle_to_quad(plane_width, plane_height, quad);
  if (!to_canvas) return {};
  return Quad{{to_canvas->map({left, top}), to_canvas->map({left + width, top}),
               to_canvas->map({left + width, top + height}), to_canvas->map({left, top + height})}};
}

namespace scene_detail {

inline double uniform(std::mt19937& random, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(random);
}

inline double signed_angle(std::mt19937& random, double low, double high) {
  const double sign = random() % 2 == 0 ? 1 : -1;
  return sign * uniform(random, low, high);
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
    static_cast<std::vector<std::uint8_t>*>(context)->insert(
        static_cast<std::vector<std::uint8_t>*>(context)->end(), bytes, bytes + size);
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
    case 0: pull(0, 1); break;   // top edge further away
    case 1: pull(3, 2); break;   // bottom
    case 2: pull(0, 3); break;   // left
    default: pull(1, 2); break;  // right
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
  // Drawn from a braced list, whose elements (unlike a call's arguments) are evaluated in order:
  // the same seed draws the same desk with every compiler.
  struct Block {
    int left, top, width, height, level;
  };
  auto fill_rect = [&](const Block& block) {
    for (int y = std::max(0, block.top); y < std::min(frame.height(), block.top + block.height); ++y) {
      for (int x = std::max(0, block.left); x < std::min(frame.width(), block.left + block.width); ++x) {
        frame.at(x, y) = static_cast<std::uint8_t>(block.level);
      }
    }
  };
  auto draw = [&](int range) { return static_cast<int>(random() % static_cast<unsigned>(range)); };
  for (int i = 0; i < 12; ++i)
    fill_rect({draw(1280) - 100, draw(720) - 100, 80 + draw(300), 40 + draw(200), draw(256)});
  for (int line = 0; line < 14; ++line) {  // text: words of letter-sized blocks in lines
    int x = static_cast<int>(random() % 1100);
    const int y = static_cast<int>(random() % 700);
    const int size = 6 + static_cast<int>(random() % 10);
    for (int letter = 0; letter < 30; ++letter) {
      if (random() % 6 == 0) {
        x += size;
        continue;
      }
      fill_rect({x, y + draw(3), size / 2 + draw(3), size, draw(60)});
      x += size * 2 / 3 + 1;
    }
  }
  for (int i = 0; i < 6; ++i) {  // cables: thick straight strokes at any angle
    const double angle = uniform(random, 0, std::numbers::pi);
    const double cx = uniform(random, 0, 1280), cy = uniform(random, 0, 720);
    const int level = draw(80);
    for (double t = -700; t < 700; t += 0.5) {
      fill_rect({static_cast<int>(cx + t * std::cos(angle)), static_cast<int>(cy + t * std::sin(angle)), 4, 4,
                 level});
    }
  }
  return frame;
}

}  // namespace scene_detail

// The symbol alone on a white label (a quiet zone of 4 modules) with a margin of white around
// it: `module` pixels per module, turned counter-clockwise by `degrees`, one side (0 top,
// 1 bottom, 2 left, 3 right) foreshortened by `recede`.
inline Scene draw_symbol(const Pdf417Symbol& symbol, double module, double degrees, double recede = 0,
                         int side = 0, int margin = 6, int ink = 0, int paper = 255) {
  const LabelTexture label{&symbol, 4, ink, paper};
  Quad quad =
      scene_detail::tilted({0, 0}, label.width() * module, label.height() * module, degrees, recede, side);
  Scene scene;
  scene.image = scene_detail::canvas_around(quad, margin, static_cast<std::uint8_t>(paper));
  paint(scene.image, quad, label.width(), label.height(), label);
  scene.symbol =
      landing(quad, label.width(), label.height(), label.quiet, label.quiet, symbol.width, symbol.height);
  return scene;
}

// One picture of `payload` with the given distortion; the seed picks the amounts (documented in
// the description, e.g. "rotated deg 7.3 module 2.5"):
//   clean        modules of 2, 2.5 or 3 px, upright, black on white
//   rotated      turned 3-12 degrees either way
//   perspective  one side 5-12% shorter at each end, turned up to 3 degrees
//   noisy        grey on grey (40 on 200), Gaussian noise of sigma 25-40
//   small        modules of 1.2-1.45 px (the decoder's floor is about 1.15 px)
//   blurred      3 px modules under a Gaussian blur of sigma 1-1.6 px
//   jpeg         turned 3-8 degrees, JPEG quality 30-60
//   framed       a card (border, printed text, the symbol at 1.6-2.4 px modules) turned 3-12
//                degrees and tilted up to 6% on a cluttered 1280x720 desk, noise, blur 0.7 px
inline Scene make_scene(const std::vector<std::uint8_t>& payload, Distortion distortion, std::uint32_t seed) {
  using namespace scene_detail;
  std::mt19937 random(seed);
  const Pdf417Symbol symbol = encode_pdf417(payload);
  Scene scene;
  std::string description(to_string(distortion));
  auto describe = [&](std::string_view what, double value) {
    description += " " + std::string(what) + " " + std::to_string(value).substr(0, 5);
  };
  double module = std::array<double, 3>{2, 2.5, 3}[random() % 3];

  switch (distortion) {
    case Distortion::Clean: scene = draw_symbol(symbol, module, 0, 0, 0, 0); break;
    case Distortion::Rotated: {
      const double degrees = signed_angle(random, 3, 12);
      describe("deg", degrees);
      scene = draw_symbol(symbol, module, degrees, 0, 0, 4);
      break;
    }
    case Distortion::Perspective: {
      const double recede = uniform(random, 0.05, 0.12);
      const double degrees = uniform(random, -3, 3);
      describe("recede", recede);
      describe("deg", degrees);
      scene = draw_symbol(symbol, module, degrees, recede, static_cast<int>(random() % 4), 6);
      break;
    }
    case Distortion::Noisy: {
      const double sigma = uniform(random, 25, 40);
      describe("sigma", sigma);
      scene = draw_symbol(symbol, module, uniform(random, -1, 1), 0, 0, 8, 40, 200);
      add_noise(scene.image, random, sigma);
      break;
    }
    case Distortion::Small: {
      module = uniform(random, 1.2, 1.45);
      scene = draw_symbol(symbol, module, uniform(random, -1, 1), 0, 0, 4);
      break;
    }
    case Distortion::Blurred: {
      module = 3;
      const double sigma = uniform(random, 1.0, 1.6);
      describe("blur", sigma);
      scene = draw_symbol(symbol, module, uniform(random, -1, 1), 0, 0, 8);
      scene.image = drivers::gaussian_blur(scene.image, sigma);
      break;
    }
    case Distortion::Jpeg: {
      const int quality = 30 + static_cast<int>(random() % 30);
      const double degrees = signed_angle(random, 3, 8);
      describe("quality", quality);
      describe("deg", degrees);
      scene = draw_symbol(symbol, module, degrees, 0, 0, 6);
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
      const LabelTexture label{&symbol, 4, static_cast<int>(uniform(random, 10, 50)), paper};
      const double card_width = label.width() + 2 * border;
      const double card_height = label.height() + 2 * border + band;
      std::vector<bool> letters(64 * 6);
      for (std::size_t i = 0; i < letters.size(); ++i) letters[i] = random() % 3 != 0;
      auto card = [&](double u, double v) {
        const double x = u - border;
        const double y = v - border - band;
        if (x >= 0 && y >= 0 && x < label.width() && y < label.height()) return label(x, y);
        const double line = (v - border) / 4;  // text: lines of letter blocks in the band
        if (v >= border && v < border + band - 4 && line - std::floor(line) < 0.6 && u >= border &&
            u < card_width - border) {
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
      scene.symbol = landing(quad, card_width, card_height, border + label.quiet, border + band + label.quiet,
                             symbol.width, symbol.height);
      add_noise(scene.image, random, uniform(random, 5, 12));
      scene.image = drivers::gaussian_blur(scene.image, 0.7);
      break;
    }
  }
  describe("module", module);
  scene.distortion = distortion;
  scene.description = description;
  return scene;
}

}  // namespace kiosk::testing
