#include "kiosk/drivers/decode/symbol_edges.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "kiosk/drivers/decode/image_ops.hpp"

namespace kiosk::drivers {
namespace {

// Above this noise a 3x3 median goes before thresholding: single noisy pixels would otherwise
// split bars and fill gaps.
constexpr double noisy_sigma = 10;

class InkMask {
 public:
  explicit InkMask(const GrayImage& image) : width_(image.width()), height_(image.height()) {
    const GrayImage smoothed = estimate_noise(image) > noisy_sigma ? median3(image) : image;
    const std::uint8_t threshold = otsu_threshold(smoothed);
    ink_.resize(smoothed.pixels().size());
    for (std::size_t i = 0; i < ink_.size(); ++i) ink_[i] = smoothed.pixels()[i] <= threshold;
  }

  int width() const { return width_; }
  int height() const { return height_; }
  bool ink(int x, int y) const {
    return ink_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)];
  }

 private:
  int width_;
  int height_;
  std::vector<bool> ink_;
};

double median(std::vector<double> values) {
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

// s = slope * t + offset.
struct Line {
  double slope = 0;
  double offset = 0;

  double at(double t) const { return slope * t + offset; }
};

struct Sample {
  double t;
  double s;
};

// Least median of squares over all pairs, then least squares over the samples near that line: a
// side survives almost half of its samples landing on clutter.
std::optional<Line> robust_line(const std::vector<Sample>& samples, double tolerance) {
  if (samples.size() < 5) return std::nullopt;
  Line best;
  double best_score = -1;
  std::vector<double> residuals(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    for (std::size_t j = i + 1; j < samples.size(); ++j) {
      if (std::abs(samples[j].t - samples[i].t) < 1e-9) continue;
      Line line;
      line.slope = (samples[j].s - samples[i].s) / (samples[j].t - samples[i].t);
      line.offset = samples[i].s - line.slope * samples[i].t;
      for (std::size_t k = 0; k < samples.size(); ++k)
        residuals[k] = std::abs(samples[k].s - line.at(samples[k].t));
      const double score = median(residuals);
      if (best_score < 0 || score < best_score) {
        best_score = score;
        best = line;
      }
    }
  }
  if (best_score < 0) return std::nullopt;
  double n = 0, st = 0, ss = 0, stt = 0, sts = 0;
  for (const auto& sample : samples) {
    if (std::abs(sample.s - best.at(sample.t)) > tolerance) continue;
    n += 1, st += sample.t, ss += sample.s, stt += sample.t * sample.t, sts += sample.t * sample.s;
  }
  if (n < std::max(5.0, 0.5 * static_cast<double>(samples.size()))) return std::nullopt;
  const double denominator = n * stt - st * st;
  if (std::abs(denominator) < 1e-9) return best;
  Line fitted;
  fitted.slope = (n * sts - st * ss) / denominator;
  fitted.offset = (ss - fitted.slope * st) / n;
  return fitted;
}

// Walks from `start` by `step` while the gaps between inked positions stay below `max_gap`;
// returns the last inked position, or nothing if the walk ran off the picture first.
template <class Inked>
std::optional<int> walk_to_edge(int start, int step, int end, int max_gap, Inked inked) {
  int last = -1;
  int gap = 0;
  for (int position = start; position != end; position += step) {
    if (inked(position)) {
      last = position;
      gap = 0;
    } else if (++gap > max_gap) {
      return last >= 0 ? std::optional<int>(last) : std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

double estimate_noise(const GrayImage& image) {
  if (image.height() < 2 || image.width() < 1) return 0;
  std::vector<int> counts(256, 0);
  std::size_t total = 0;
  for (int y = 0; y + 1 < image.height(); y += 2) {
    const std::uint8_t* here = image.row(y);
    const std::uint8_t* below = image.row(y + 1);
    for (int x = 0; x < image.width(); ++x) {
      ++counts[static_cast<std::size_t>(std::abs(here[x] - below[x]))];
      ++total;
    }
  }
  std::size_t seen = 0;
  for (int difference = 0; difference < 256; ++difference) {
    seen += static_cast<std::size_t>(counts[static_cast<std::size_t>(difference)]);
    // The median absolute difference of two samples of N(0, s) is 0.954 s.
    if (2 * seen >= total) return difference / 0.954;
  }
  return 0;
}

std::optional<double> estimate_module_width(const GrayImage& upright) {
  const InkMask mask(upright);
  std::vector<double> row_means;
  std::vector<int> runs;
  for (int y = mask.height() / 4; y < mask.height() * 3 / 4; y += 2) {
    runs.clear();
    int run = 1;
    for (int x = 1; x < mask.width(); ++x) {
      if (mask.ink(x, y) == mask.ink(x - 1, y)) {
        ++run;
        continue;
      }
      runs.push_back(run);
      run = 1;
    }
    // The first run touches the border (background); of the rest, two at each end may be the
    // quiet zone, the card's edge or the start and stop patterns' wide bars.
    if (runs.size() < 25) continue;
    double sum = 0;
    for (std::size_t i = 3; i + 2 < runs.size(); ++i) sum += runs[i];
    row_means.push_back(sum / static_cast<double>(runs.size() - 5));
  }
  if (row_means.empty()) return std::nullopt;
  // A codeword is 17 modules in 8 runs (4 bars, 4 spaces); so are the row indicators, and the
  // start and stop patterns come close (17 in 8, 18 in 9).
  return median(row_means) * 8 / 17;
}

std::optional<Quad> fit_symbol_outline(const GrayImage& upright, double module_width) {
  const InkMask mask(upright);
  const int width = mask.width();
  const int height = mask.height();
  if (width < 16 || height < 8 || module_width <= 0) return std::nullopt;
  const double tolerance = std::max(1.5, module_width);

  // Left and right sides: rows across the middle of the picture, walked out from its centre.
  const int max_row_gap = static_cast<int>(std::ceil(7.5 * module_width));
  std::vector<Sample> left_ends;
  std::vector<Sample> right_ends;
  const int rows = 31;
  for (int i = 0; i < rows; ++i) {
    const int y = height / 5 + (height * 3 / 5) * i / (rows - 1);
    auto inked = [&](int x) { return mask.ink(x, y); };
    if (auto left = walk_to_edge(width / 2, -1, -1, max_row_gap, inked))
      left_ends.push_back({y + 0.5, *left + 0.0});
    if (auto right = walk_to_edge(width / 2, 1, width, max_row_gap, inked))
      right_ends.push_back({y + 0.5, *right + 1.0});
  }
  const auto left = robust_line(left_ends, tolerance);
  const auto right = robust_line(right_ends, tolerance);
  if (!left || !right) return std::nullopt;

  // Top and bottom: strips between the sides, each wide enough that every row of the symbol
  // puts ink in it, walked out from the middle row.
  const double middle = height / 2.0;
  const double inner_left = left->at(middle) + 2 * module_width;
  const double inner_right = right->at(middle) - 2 * module_width;
  const double strip_width = std::max(8.0 * module_width, 4.0);
  const int strips = std::min(40, static_cast<int>((inner_right - inner_left) / strip_width));
  if (strips < 5) return std::nullopt;
  const int min_ink = std::max(1, static_cast<int>(0.6 * module_width));
  const int max_column_gap = std::max(2, static_cast<int>(std::ceil(1.5 * module_width)));
  std::vector<Sample> top_ends;
  std::vector<Sample> bottom_ends;
  for (int i = 0; i < strips; ++i) {
    const int x0 = static_cast<int>(inner_left + i * (inner_right - inner_left) / strips);
    const int x1 = static_cast<int>(x0 + strip_width);
    auto inked = [&](int y) {
      int count = 0;
      for (int x = std::max(0, x0); x < std::min(width, x1); ++x) count += mask.ink(x, y) ? 1 : 0;
      return count >= min_ink;
    };
    const double centre = (x0 + x1) / 2.0;
    if (auto top = walk_to_edge(height / 2, -1, -1, max_column_gap, inked))
      top_ends.push_back({centre, *top + 0.0});
    if (auto bottom = walk_to_edge(height / 2, 1, height, max_column_gap, inked)) {
      bottom_ends.push_back({centre, *bottom + 1.0});
    }
  }
  const auto top = robust_line(top_ends, tolerance);
  const auto bottom = robust_line(bottom_ends, tolerance);
  if (!top || !bottom) return std::nullopt;

  // Sides are x = f(y), top and bottom y = g(x): two points on each line, then the crossings.
  auto side_points = [&](const Line& side) {
    return std::pair{PointF{side.at(0), 0}, PointF{side.at(height), 1.0 * height}};
  };
  auto edge_points = [&](const Line& edge) {
    return std::pair{PointF{0, edge.at(0)}, PointF{1.0 * width, edge.at(width)}};
  };
  auto corner = [](std::pair<PointF, PointF> side, std::pair<PointF, PointF> edge) {
    return intersect_lines(side.first, side.second, edge.first, edge.second);
  };
  const auto top_left = corner(side_points(*left), edge_points(*top));
  const auto top_right = corner(side_points(*right), edge_points(*top));
  const auto bottom_right = corner(side_points(*right), edge_points(*bottom));
  const auto bottom_left = corner(side_points(*left), edge_points(*bottom));
  if (!top_left || !top_right || !bottom_right || !bottom_left) return std::nullopt;
  Quad outline{{*top_left, *top_right, *bottom_right, *bottom_left}};
  if (outline.mean_width() < 20 * module_width || outline.mean_height() < 3 * module_width)
    return std::nullopt;
  return outline;
}

}  // namespace kiosk::drivers
