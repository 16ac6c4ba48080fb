#include "kiosk/drivers/decode/geometry.hpp"

#include <cmath>
#include <cstddef>
#include <numbers>

namespace kiosk::drivers {
namespace {

double distance(PointF a, PointF b) {
  return std::hypot(a.x - b.x, a.y - b.y);
}

}  // namespace

PointF Quad::centre() const {
  PointF sum;
  for (const auto& corner : corners) {
    sum.x += corner.x / 4;
    sum.y += corner.y / 4;
  }
  return sum;
}

double Quad::mean_width() const {
  return (distance(corners[0], corners[1]) + distance(corners[3], corners[2])) / 2;
}

double Quad::mean_height() const {
  return (distance(corners[0], corners[3]) + distance(corners[1], corners[2])) / 2;
}

Quad rotated_rectangle(PointF centre, double width, double height, double degrees) {
  // y points down, so a counter-clockwise turn on screen is a negative angle in the maths frame.
  const double radians = -degrees * std::numbers::pi / 180;
  const double c = std::cos(radians);
  const double s = std::sin(radians);
  auto corner = [&](double dx, double dy) {
    return PointF{centre.x + dx * c - dy * s, centre.y + dx * s + dy * c};
  };
  const double hw = width / 2;
  const double hh = height / 2;
  return Quad{{corner(-hw, -hh), corner(hw, -hh), corner(hw, hh), corner(-hw, hh)}};
}

std::optional<PointF> intersect_lines(PointF a, PointF b, PointF c, PointF d) {
  const double r_x = b.x - a.x;
  const double r_y = b.y - a.y;
  const double s_x = d.x - c.x;
  const double s_y = d.y - c.y;
  const double cross = r_x * s_y - r_y * s_x;
  if (std::abs(cross) < 1e-12) return std::nullopt;
  const double t = ((c.x - a.x) * s_y - (c.y - a.y) * s_x) / cross;
  return PointF{a.x + t * r_x, a.y + t * r_y};
}

std::optional<Homography> Homography::rectangle_to_quad(double width, double height, const Quad& quad) {
  if (width <= 0 || height <= 0) return std::nullopt;
  // The unit square to quadrilateral map in closed form (Heckbert, "Fundamentals of Texture
  // Mapping", 1989), then scaled to the rectangle.
  const auto& q = quad.corners;
  const double dx1 = q[1].x - q[2].x;
  const double dx2 = q[3].x - q[2].x;
  const double dx3 = q[0].x - q[1].x + q[2].x - q[3].x;
  const double dy1 = q[1].y - q[2].y;
  const double dy2 = q[3].y - q[2].y;
  const double dy3 = q[0].y - q[1].y + q[2].y - q[3].y;
  const double den = dx1 * dy2 - dx2 * dy1;
  if (std::abs(den) < 1e-12) return std::nullopt;
  const double g = (dx3 * dy2 - dx2 * dy3) / den;
  const double h = (dx1 * dy3 - dx3 * dy1) / den;
  std::array<double, 9> m{q[1].x - q[0].x + g * q[1].x,
                          q[3].x - q[0].x + h * q[3].x,
                          q[0].x,
                          q[1].y - q[0].y + g * q[1].y,
                          q[3].y - q[0].y + h * q[3].y,
                          q[0].y,
                          g,
                          h,
                          1};
  for (int row = 0; row < 3; ++row) {
    m[static_cast<std::size_t>(row * 3)] /= width;
    m[static_cast<std::size_t>(row * 3 + 1)] /= height;
  }
  return Homography(m);
}

PointF Homography::map(PointF p) const {
  const double w = m_[6] * p.x + m_[7] * p.y + m_[8];
  return {(m_[0] * p.x + m_[1] * p.y + m_[2]) / w, (m_[3] * p.x + m_[4] * p.y + m_[5]) / w};
}

std::optional<Homography> Homography::inverse() const {
  const auto& m = m_;
  // The adjugate over the determinant; the overall scale of a homography does not matter.
  const std::array<double, 9> adjugate{
      m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
      m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
      m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3]};
  const double determinant = m[0] * adjugate[0] + m[1] * adjugate[3] + m[2] * adjugate[6];
  if (std::abs(determinant) < 1e-15) return std::nullopt;
  std::array<double, 9> inverted{};
  for (std::size_t i = 0; i < 9; ++i) inverted[i] = adjugate[i] / determinant;
  return Homography(inverted);
}

}  // namespace kiosk::drivers
