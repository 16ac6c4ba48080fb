#pragma once
// Plane geometry for straightening a barcode: points, quadrilaterals and the homography that maps
// an upright rectangle onto a quadrilateral seen in a camera frame.
//
// Coordinates are continuous: pixel (i, j) covers [i, i+1) x [j, j+1), its centre is (i+.5, j+.5).

#include <array>
#include <optional>

namespace kiosk::drivers {

struct PointF {
  double x = 0;
  double y = 0;
};

// Corners in reading order of an upright rectangle: top-left, top-right, bottom-right, bottom-left.
struct Quad {
  std::array<PointF, 4> corners;

  PointF centre() const;
  // The mean length of the top and bottom sides, and of the left and right sides.
  double mean_width() const;
  double mean_height() const;
};

// A rectangle of the given size centred on `centre`, turned by `degrees` (counter-clockwise as
// seen on screen, i.e. with y pointing down).
Quad rotated_rectangle(PointF centre, double width, double height, double degrees);

// Where the line through `a` and `b` crosses the line through `c` and `d`; empty when parallel.
std::optional<PointF> intersect_lines(PointF a, PointF b, PointF c, PointF d);

class Homography {
 public:
  // The projective map taking the rectangle [0,width] x [0,height] onto `quad`, corner to corner.
  // Empty when the quadrilateral is degenerate (three corners on a line).
  static std::optional<Homography> rectangle_to_quad(double width, double height, const Quad& quad);

  PointF map(PointF p) const;
  // Row-major 3x3 matrix on (x, y, 1): for loops that step the homogeneous coordinates.
  const std::array<double, 9>& matrix() const { return m_; }
  // The map back from the quadrilateral to the rectangle.
  std::optional<Homography> inverse() const;

 private:
  explicit Homography(const std::array<double, 9>& m) : m_(m) {}
  std::array<double, 9> m_{};
};

}  // namespace kiosk::drivers
