#include "kiosk/drivers/decode/barcode_locator.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <utility>

namespace kiosk::drivers {
namespace {

// Sums of gx*gx, gy*gy and gx*gy over a tile: the structure tensor.
struct Tensor {
  double xx = 0;
  double yy = 0;
  double xy = 0;

  void add(const Tensor& other) {
    xx += other.xx;
    yy += other.yy;
    xy += other.xy;
  }
  // The energy of the dominant direction beyond the perpendicular one: zero for isotropic noise.
  double anisotropy() const { return std::sqrt((xx - yy) * (xx - yy) + 4 * xy * xy); }
  // Twice the angle of the dominant gradient (y down), so that opposite gradients agree.
  double double_angle() const { return std::atan2(2 * xy, xx - yy); }
};

struct TileGrid {
  int size = 0;  // pixels per tile side
  int columns = 0;
  int rows = 0;
  std::vector<Tensor> tensors;

  std::size_t index(int column, int row) const {
    return static_cast<std::size_t>(row) * static_cast<std::size_t>(columns) +
           static_cast<std::size_t>(column);
  }
};

TileGrid measure_tiles(const GrayImage& image) {
  TileGrid grid;
  grid.size = std::clamp(std::min(image.width(), image.height()) / 40, 6, 16);
  grid.columns = image.width() / grid.size;
  grid.rows = image.height() / grid.size;
  grid.tensors.resize(static_cast<std::size_t>(grid.columns) * static_cast<std::size_t>(grid.rows));
  // An image narrower or shorter than one tile has no tile to point into (a 2x6 frame did).
  if (grid.tensors.empty()) return grid;
  const int height = grid.rows * grid.size;
  // The locator runs on every frame before any read, so it is kept cheap: every other row (a
  // tile still gets dozens of gradients, each at full resolution), integer sums over a tile's
  // span of a row, a loop the compiler vectorises. |g| <= 16 * 255, so g * g fits in 32 bits and
  // a tile's sums in 64.
  for (int y = 1; y < std::min(height, image.height() - 1); y += 2) {
    const std::uint8_t* above = image.row(y - 1);
    const std::uint8_t* here = image.row(y);
    const std::uint8_t* below = image.row(y + 1);
    Tensor* tile_row = &grid.tensors[grid.index(0, y / grid.size)];
    for (int column = 0; column < grid.columns; ++column) {
      const int first = std::max(1, column * grid.size);
      const int last = std::min((column + 1) * grid.size, image.width() - 1);
      std::int64_t xx = 0;
      std::int64_t yy = 0;
      std::int64_t xy = 0;
      for (int x = first; x < last; ++x) {
        // Scharr's weights: a plain central difference underestimates the gradient along the
        // direction with the finer bars and so overstates the skew of fine barcodes by a third.
        const int gx = 3 * (above[x + 1] - above[x - 1] + below[x + 1] - below[x - 1]) +
                       10 * (here[x + 1] - here[x - 1]);
        const int gy =
            3 * (below[x - 1] - above[x - 1] + below[x + 1] - above[x + 1]) + 10 * (below[x] - above[x]);
        xx += gx * gx;
        yy += gy * gy;
        xy += gx * gy;
      }
      Tensor& tile = tile_row[column];
      tile.xx += static_cast<double>(xx);
      tile.yy += static_cast<double>(yy);
      tile.xy += static_cast<double>(xy);
    }
  }
  return grid;
}

double angle_gap(double a, double b) {
  double gap = std::fmod(std::abs(a - b), 2 * std::numbers::pi);
  return gap > std::numbers::pi ? 2 * std::numbers::pi - gap : gap;
}

struct Component {
  std::vector<std::size_t> tiles;
  Tensor tensor;
  double strength = 0;
};

struct Extent {
  double low = 0;
  double high = 0;
};

// Where the mass of the weighted positions lies densely: the run of bins around the heaviest
// that each hold at least `share` of a typical heavy bin. That drops what the region picked up at
// its fringes, such as a cable touching the card or a printed line above the barcode.
Extent dense_extent(const std::vector<std::pair<double, double>>& positions, double bin, double share) {
  double low = std::numeric_limits<double>::max();
  double high = std::numeric_limits<double>::lowest();
  for (const auto& [position, weight] : positions)
    low = std::min(low, position), high = std::max(high, position);
  const auto bins = static_cast<std::size_t>((high - low) / bin) + 1;
  std::vector<double> mass(bins, 0);
  for (const auto& [position, weight] : positions)
    mass[static_cast<std::size_t>((position - low) / bin)] += weight;
  // "Typical heavy": the bin mass at which the heaviest bins hold half of all the mass.
  std::vector<double> sorted = mass;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  double total = 0;
  for (double m : mass) total += m;
  double typical = 0;
  for (double cumulative = 0; double m : sorted) {
    typical = m;
    if ((cumulative += m) >= total / 2) break;
  }
  const auto heaviest = static_cast<std::size_t>(std::max_element(mass.begin(), mass.end()) - mass.begin());
  // Steps over a dip of up to two bins: the widest space of a symbol can empty a bin.
  auto dense = [&](std::size_t index) { return mass[index] >= share * typical; };
  std::size_t first = heaviest;
  std::size_t last = heaviest;
  for (bool grew = true; grew;) {
    grew = false;
    for (std::size_t step = 1; step <= 3 && step <= first; ++step) {
      if (dense(first - step)) {
        first -= step, grew = true;
        break;
      }
    }
    for (std::size_t step = 1; step <= 3 && last + step < bins; ++step) {
      if (dense(last + step)) {
        last += step, grew = true;
        break;
      }
    }
  }
  return {low + static_cast<double>(first) * bin, low + static_cast<double>(last + 1) * bin};
}

BarcodeRegion describe(const TileGrid& grid, const Component& component) {
  auto centre_of = [&](std::size_t tile) {
    return PointF{(static_cast<double>(tile % static_cast<std::size_t>(grid.columns)) + 0.5) * grid.size,
                  (static_cast<double>(tile / static_cast<std::size_t>(grid.columns)) + 0.5) * grid.size};
  };
  std::vector<std::size_t> tiles = component.tiles;
  Tensor tensor = component.tensor;
  double gradient_angle = 0;
  Extent across;  // along the rows, across the bars
  Extent along;   // along the bars
  // Twice: the fringes bend the first estimate of the direction a little.
  for (int pass = 0; pass < 2; ++pass) {
    gradient_angle = tensor.double_angle() / 2;
    const double ux = std::cos(gradient_angle);
    const double uy = std::sin(gradient_angle);
    std::vector<std::pair<double, double>> us;
    std::vector<std::pair<double, double>> vs;
    for (std::size_t tile : tiles) {
      const PointF c = centre_of(tile);
      const double weight = grid.tensors[tile].anisotropy();
      us.emplace_back(c.x * ux + c.y * uy, weight);
      vs.emplace_back(-c.x * uy + c.y * ux, weight);
    }
    across = dense_extent(us, grid.size, 0.2);
    along = dense_extent(vs, grid.size, 0.3);
    std::vector<std::size_t> kept;
    tensor = Tensor{};
    for (std::size_t i = 0; i < tiles.size(); ++i) {
      if (us[i].first < across.low || us[i].first > across.high || vs[i].first < along.low ||
          vs[i].first > along.high) {
        continue;
      }
      kept.push_back(tiles[i]);
      tensor.add(grid.tensors[tiles[i]]);
    }
    if (kept.empty()) break;
    tiles = std::move(kept);
  }
  const double ux = std::cos(gradient_angle);
  const double uy = std::sin(gradient_angle);
  // Bins are measured between tile centres, and a tile on the symbol's border may fall under the
  // threshold: pad by a tile, plus room for the quiet zone the reader wants around the symbol.
  const double pad = 1.5 * grid.size + 0.05 * (across.high - across.low);
  const double centre_u = (across.low + across.high) / 2;
  const double centre_v = (along.low + along.high) / 2;
  const PointF centre{centre_u * ux - centre_v * uy, centre_u * uy + centre_v * ux};
  double skew = -gradient_angle * 180 / std::numbers::pi;
  if (skew <= -90) skew += 180;
  return {
      rotated_rectangle(centre, across.high - across.low + 2 * pad, along.high - along.low + 2 * pad, skew),
      skew, component.strength};
}

// Each tile speaks for its 3x3 neighbourhood: under heavy noise one tile's direction wanders,
// nine tiles' together do not; and one hard edge cannot outweigh a whole barcode.
TileGrid pool_neighbourhoods(const TileGrid& measured) {
  TileGrid pooled = measured;
  for (int row = 0; row < pooled.rows; ++row) {
    for (int column = 0; column < pooled.columns; ++column) {
      Tensor sum;
      for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
          const int c = std::clamp(column + dx, 0, measured.columns - 1);
          const int r = std::clamp(row + dy, 0, measured.rows - 1);
          sum.add(measured.tensors[measured.index(c, r)]);
        }
      }
      pooled.tensors[pooled.index(column, row)] = sum;
    }
  }
  return pooled;
}

// Hysteresis: a region starts on a strongly oriented tile and grows over weaker ones that agree
// with it, so that the quieter middle of a noisy symbol stays joined to its strong edges.
std::vector<Component> grow_components(const TileGrid& grid) {
  const std::size_t count = grid.tensors.size();
  std::vector<double> anisotropy(count);
  double peak = 0;
  for (std::size_t i = 0; i < count; ++i) {
    anisotropy[i] = grid.tensors[i].anisotropy();
    peak = std::max(peak, anisotropy[i]);
  }
  if (peak <= 0) return {};
  const double seed_level = 0.3 * peak;
  const double grow_level = 0.1 * peak;
  constexpr double max_turn_between_tiles = 0.7;  // radians of double angle: 20 degrees of bar
  constexpr double max_turn_from_region = 0.9;    // 26 degrees: perspective fans the bars out

  std::vector<int> label(count, -1);
  std::vector<Component> components;
  for (std::size_t seed = 0; seed < count; ++seed) {
    if (label[seed] >= 0 || anisotropy[seed] < seed_level) continue;
    Component component;
    const int id = static_cast<int>(components.size());
    std::vector<std::size_t> stack{seed};
    label[seed] = id;
    while (!stack.empty()) {
      const std::size_t tile = stack.back();
      stack.pop_back();
      component.tiles.push_back(tile);
      component.tensor.add(grid.tensors[tile]);
      component.strength += anisotropy[tile];
      const double region_angle = component.tensor.double_angle();
      const int column = static_cast<int>(tile % static_cast<std::size_t>(grid.columns));
      const int row = static_cast<int>(tile / static_cast<std::size_t>(grid.columns));
      // Neighbours up to two tiles away: a wide bar or space can leave a tile with no edge in it.
      for (int index = 0; index < 25; ++index) {
        const int c = column + index % 5 - 2;
        const int r = row + index / 5 - 2;
        if (c < 0 || r < 0 || c >= grid.columns || r >= grid.rows) continue;
        const std::size_t next = grid.index(c, r);
        if (label[next] >= 0 || anisotropy[next] < grow_level) continue;
        const double angle = grid.tensors[next].double_angle();
        if (angle_gap(angle, grid.tensors[tile].double_angle()) > max_turn_between_tiles ||
            angle_gap(angle, region_angle) > max_turn_from_region) {
          continue;
        }
        label[next] = id;
        stack.push_back(next);
      }
    }
    components.push_back(std::move(component));
  }
  return components;
}

}  // namespace

std::vector<BarcodeRegion> locate_barcodes(const GrayImage& image, std::size_t max_regions) {
  const TileGrid measured = measure_tiles(image);
  if (measured.columns < 2 || measured.rows < 2) return {};
  const TileGrid grid = pool_neighbourhoods(measured);
  std::vector<Component> components = grow_components(grid);
  std::sort(components.begin(), components.end(),
            [](const Component& a, const Component& b) { return a.strength > b.strength; });
  std::vector<BarcodeRegion> regions;
  for (const auto& component : components) {
    if (regions.size() >= max_regions) break;
    if (component.tiles.size() < 4) continue;  // a symbol spans at least a few tiles each way
    regions.push_back(describe(grid, component));
  }
  return regions;
}

}  // namespace kiosk::drivers
