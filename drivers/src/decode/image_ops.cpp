#include "kiosk/drivers/decode/image_ops.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace kiosk::drivers {
namespace {

std::uint8_t to_level(double value) {
  return static_cast<std::uint8_t>(std::clamp(value + 0.5, 0.0, 255.0));
}

std::array<std::size_t, 256> histogram(const GrayImage& image) {
  std::array<std::size_t, 256> counts{};
  for (std::uint8_t level : image.pixels()) ++counts[level];
  return counts;
}

// Sorts a pair so that the smaller comes first: the step of a sorting network.
void order(std::uint8_t& a, std::uint8_t& b) {
  const std::uint8_t low = std::min(a, b);
  b = std::max(a, b);
  a = low;
}

}  // namespace

std::uint8_t sample_bilinear(const GrayImage& image, PointF position, std::uint8_t outside) {
  const int width = image.width();
  const int height = image.height();
  if (!(position.x >= 0 && position.y >= 0 && position.x < width && position.y < height)) return outside;
  double fx = position.x - 0.5;
  double fy = position.y - 0.5;
  if (fx >= 0 && fy >= 0 && fx < width - 1 && fy < height - 1) {  // all four neighbours inside
    const int x = static_cast<int>(fx);
    const int y = static_cast<int>(fy);
    const std::uint8_t* above = image.row(y) + x;
    const std::uint8_t* below = above + width;
    const double ax = fx - x;
    const double top = above[0] + ax * (above[1] - above[0]);
    const double bottom = below[0] + ax * (below[1] - below[0]);
    return static_cast<std::uint8_t>(top + (fy - y) * (bottom - top) + 0.5);
  }
  fx = std::clamp(fx, 0.0, static_cast<double>(width - 1));
  fy = std::clamp(fy, 0.0, static_cast<double>(height - 1));
  const int x0 = static_cast<int>(fx);
  const int y0 = static_cast<int>(fy);
  const int x1 = std::min(x0 + 1, width - 1);
  const int y1 = std::min(y0 + 1, height - 1);
  const double ax = fx - x0;
  const double ay = fy - y0;
  const double top = image.at(x0, y0) + ax * (image.at(x1, y0) - image.at(x0, y0));
  const double bottom = image.at(x0, y1) + ax * (image.at(x1, y1) - image.at(x0, y1));
  return to_level(top + ay * (bottom - top));
}

namespace {

// The warp's inner loop: sample_bilinear for a position whose four neighbours lie inside the
// image (nearly every pixel of a warp), without its bounds handling, in float. The warp is where
// the decoder spends most of its own time.
struct InsideSampler {
  const GrayImage& image;
  double last_x = image.width() - 1;
  double last_y = image.height() - 1;

  bool fits(double fx, double fy) const { return fx >= 0 && fy >= 0 && fx < last_x && fy < last_y; }
  std::uint8_t bilinear(double fx, double fy) const {
    const int x = static_cast<int>(fx);
    const int y = static_cast<int>(fy);
    const std::uint8_t* above = image.row(y) + x;
    const std::uint8_t* below = above + image.width();
    const auto ax = static_cast<float>(fx - x);
    const float top = above[0] + ax * static_cast<float>(above[1] - above[0]);
    const float bottom = below[0] + ax * static_cast<float>(below[1] - below[0]);
    return static_cast<std::uint8_t>(top + static_cast<float>(fy - y) * (bottom - top) + 0.5f);
  }
};

}  // namespace

GrayImage warp_quad_to_rectangle(const GrayImage& image, const Quad& quad, int width, int height,
                                 std::uint8_t outside) {
  auto map = Homography::rectangle_to_quad(width, height, quad);
  if (!map || width <= 0 || height <= 0 || image.empty()) return {};
  GrayImage warped(width, height);
  const auto& m = map->matrix();
  const InsideSampler inside{image};
  // A rotated rectangle (the locator's regions) maps affinely, up to rounding: when w cannot
  // change by a billionth across the output, one division per row does.
  const bool affine = std::abs(m[6]) * width + std::abs(m[7]) * height < 1e-9 * std::abs(m[8]);
  for (int v = 0; v < height; ++v) {
    std::uint8_t* target = warped.row(v);
    // The homogeneous coordinates are linear along the row: step them, divide once per pixel.
    double x = m[0] * 0.5 + m[1] * (v + 0.5) + m[2];
    double y = m[3] * 0.5 + m[4] * (v + 0.5) + m[5];
    double w = m[6] * 0.5 + m[7] * (v + 0.5) + m[8];
    const double inverse_w = 1 / w;
    for (int u = 0; u < width; ++u, x += m[0], y += m[3], w += m[6]) {
      const PointF p = affine ? PointF{x * inverse_w, y * inverse_w} : PointF{x / w, y / w};
      // Sample positions count from pixel centres.
      const double fx = p.x - 0.5;
      const double fy = p.y - 0.5;
      target[u] = inside.fits(fx, fy) ? inside.bilinear(fx, fy) : sample_bilinear(image, p, outside);
    }
  }
  return warped;
}

GrayImage rotate(const GrayImage& image, double degrees, std::uint8_t outside) {
  const double radians = degrees * std::numbers::pi / 180;
  const double c = std::abs(std::cos(radians));
  const double s = std::abs(std::sin(radians));
  const int width = static_cast<int>(std::ceil(image.width() * c + image.height() * s - 1e-9));
  const int height = static_cast<int>(std::ceil(image.width() * s + image.height() * c - 1e-9));
  // The output is upright; in the source it is the output's rectangle turned the other way.
  const PointF centre{image.width() / 2.0, image.height() / 2.0};
  return warp_quad_to_rectangle(image, rotated_rectangle(centre, width, height, -degrees), width, height,
                                outside);
}

GrayImage crop(const GrayImage& image, int left, int top, int width, int height) {
  const int x0 = std::clamp(left, 0, image.width());
  const int y0 = std::clamp(top, 0, image.height());
  const int x1 = std::clamp(left + std::max(width, 0), x0, image.width());
  const int y1 = std::clamp(top + std::max(height, 0), y0, image.height());
  GrayImage cropped(x1 - x0, y1 - y0);
  for (int y = 0; y < cropped.height(); ++y) {
    std::copy_n(image.row(y0 + y) + x0, cropped.width(), cropped.row(y));
  }
  return cropped;
}

GrayImage resize(const GrayImage& image, int width, int height) {
  if (image.empty() || width <= 0 || height <= 0) return {};
  GrayImage resized(width, height);
  const double sx = static_cast<double>(image.width()) / width;
  const double sy = static_cast<double>(image.height()) / height;
  for (int v = 0; v < height; ++v) {
    for (int u = 0; u < width; ++u) {
      resized.at(u, v) = sample_bilinear(image, {(u + 0.5) * sx, (v + 0.5) * sy}, 0);
    }
  }
  return resized;
}

GrayImage shrink_by(const GrayImage& image, int factor) {
  if (factor <= 1) return image;
  GrayImage shrunk(image.width() / factor, image.height() / factor);
  const int area = factor * factor;
  for (int v = 0; v < shrunk.height(); ++v) {
    for (int u = 0; u < shrunk.width(); ++u) {
      int sum = 0;
      for (int dy = 0; dy < factor; ++dy) {
        const std::uint8_t* source = image.row(v * factor + dy) + u * factor;
        for (int dx = 0; dx < factor; ++dx) sum += source[dx];
      }
      shrunk.at(u, v) = static_cast<std::uint8_t>((sum + area / 2) / area);
    }
  }
  return shrunk;
}

namespace {

// The Gaussian blur of `image`, row by row into `each_row(y, blurred_row)`, in float. Both passes
// run tap by tap over whole rows, loops the compiler vectorises; the border repeats edge pixels.
template <class EachRow>
void blur_rows(const GrayImage& image, double sigma, EachRow each_row) {
  const int radius = std::max(1, static_cast<int>(std::ceil(3 * sigma)));
  std::vector<float> kernel(static_cast<std::size_t>(2 * radius + 1));
  float total = 0;
  for (int i = -radius; i <= radius; ++i) {
    const auto weight = static_cast<float>(std::exp(-(i * i) / (2 * sigma * sigma)));
    kernel[static_cast<std::size_t>(i + radius)] = weight;
    total += weight;
  }
  for (float& weight : kernel) weight /= total;

  const int width = image.width();
  const int height = image.height();
  const auto row_length = static_cast<std::size_t>(width);
  const auto pad = static_cast<std::size_t>(radius);
  std::vector<float> across(row_length * static_cast<std::size_t>(height));
  std::vector<float> padded(row_length + 2 * pad);
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* source = image.row(y);
    std::fill_n(padded.begin(), pad, static_cast<float>(source[0]));
    std::copy_n(source, row_length, padded.begin() + static_cast<std::ptrdiff_t>(pad));
    std::fill_n(padded.end() - static_cast<std::ptrdiff_t>(pad), pad, static_cast<float>(source[width - 1]));
    float* target = &across[static_cast<std::size_t>(y) * row_length];
    for (std::size_t i = 0; i < kernel.size(); ++i) {
      const float weight = kernel[i];
      const float* taps = &padded[i];
      for (std::size_t x = 0; x < row_length; ++x) target[x] += weight * taps[x];
    }
  }
  std::vector<float> sum(row_length);
  for (int y = 0; y < height; ++y) {
    std::fill(sum.begin(), sum.end(), 0.0f);
    for (int i = -radius; i <= radius; ++i) {
      const float weight = kernel[static_cast<std::size_t>(i + radius)];
      const float* source = &across[static_cast<std::size_t>(std::clamp(y + i, 0, height - 1)) * row_length];
      for (std::size_t x = 0; x < row_length; ++x) sum[x] += weight * source[x];
    }
    each_row(y, sum.data());
  }
}

std::uint8_t to_level(float value) {
  return static_cast<std::uint8_t>(std::clamp(value, 0.0f, 255.0f) + 0.5f);
}

}  // namespace

GrayImage gaussian_blur(const GrayImage& image, double sigma) {
  if (image.empty() || sigma <= 0) return image;
  GrayImage blurred(image.width(), image.height());
  blur_rows(image, sigma, [&blurred](int y, const float* row) {
    std::uint8_t* target = blurred.row(y);
    for (int x = 0; x < blurred.width(); ++x) target[x] = to_level(row[x]);
  });
  return blurred;
}

GrayImage median3(const GrayImage& image) {
  const int width = image.width();
  const int height = image.height();
  GrayImage filtered(width, height);
  if (image.empty()) return filtered;
  // Each column's three values sorted once serve three neighbouring outputs: the median of nine
  // is the median of (largest low, middle middle, smallest high) of three sorted columns.
  const auto padded = static_cast<std::size_t>(width) + 2;
  std::vector<std::uint8_t> low(padded), mid(padded), high(padded);
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* a = image.row(std::max(y - 1, 0));
    const std::uint8_t* b = image.row(y);
    const std::uint8_t* c = image.row(std::min(y + 1, height - 1));
    for (int x = 0; x < width; ++x) {
      std::uint8_t p = a[x], q = b[x], r = c[x];
      order(p, q);
      order(q, r);
      order(p, q);
      const auto i = static_cast<std::size_t>(x) + 1;
      low[i] = p, mid[i] = q, high[i] = r;
    }
    low[0] = low[1], mid[0] = mid[1], high[0] = high[1];
    low[padded - 1] = low[padded - 2], mid[padded - 1] = mid[padded - 2], high[padded - 1] = high[padded - 2];
    std::uint8_t* target = filtered.row(y);
    for (std::size_t x = 0; x + 2 < padded; ++x) {
      const std::uint8_t largest_low = std::max({low[x], low[x + 1], low[x + 2]});
      const std::uint8_t smallest_high = std::min({high[x], high[x + 1], high[x + 2]});
      std::uint8_t m0 = mid[x], m1 = mid[x + 1], m2 = mid[x + 2];
      order(m0, m1);
      order(m1, m2);
      order(m0, m1);
      std::uint8_t p = largest_low, q = m1, r = smallest_high;
      order(p, q);
      order(q, r);
      order(p, q);
      target[x] = q;
    }
  }
  return filtered;
}

GrayImage sharpen(const GrayImage& image, double sigma, double amount) {
  if (image.empty() || sigma <= 0) return image;
  GrayImage sharpened(image.width(), image.height());
  const auto gain = static_cast<float>(amount);
  blur_rows(image, sigma, [&](int y, const float* soft) {
    const std::uint8_t* source = image.row(y);
    std::uint8_t* target = sharpened.row(y);
    for (int x = 0; x < image.width(); ++x) target[x] = to_level(source[x] + gain * (source[x] - soft[x]));
  });
  return sharpened;
}

std::uint8_t otsu_threshold(const GrayImage& image) {
  const auto counts = histogram(image);
  const double total = static_cast<double>(image.pixels().size());
  if (total == 0) return 128;
  double level_sum = 0;
  for (int level = 0; level < 256; ++level)
    level_sum += level * static_cast<double>(counts[static_cast<std::size_t>(level)]);
  double below = 0;
  double below_sum = 0;
  double best_spread = -1;
  int best = 128;
  for (int level = 0; level < 256; ++level) {
    below += static_cast<double>(counts[static_cast<std::size_t>(level)]);
    below_sum += level * static_cast<double>(counts[static_cast<std::size_t>(level)]);
    const double above = total - below;
    if (below == 0 || above == 0) continue;
    const double mean_below = below_sum / below;
    const double mean_above = (level_sum - below_sum) / above;
    const double spread = below * above * (mean_below - mean_above) * (mean_below - mean_above);
    if (spread > best_spread) {
      best_spread = spread;
      best = level;
    }
  }
  return static_cast<std::uint8_t>(best);
}

std::uint8_t median_level(const GrayImage& image) {
  const auto counts = histogram(image);
  const std::size_t half = image.pixels().size() / 2;
  std::size_t seen = 0;
  for (int level = 0; level < 256; ++level) {
    seen += counts[static_cast<std::size_t>(level)];
    if (seen > half) return static_cast<std::uint8_t>(level);
  }
  return 128;
}

}  // namespace kiosk::drivers
