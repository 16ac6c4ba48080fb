#pragma once
// The few image operations the decoding path needs, on GrayImage. Each returns a new image and
// leaves its input alone. Geometry follows geometry.hpp: pixel (i, j) is centred on (i+.5, j+.5).

#include <cstdint>

#include "kiosk/drivers/decode/geometry.hpp"
#include "kiosk/drivers/decode/gray_image.hpp"

namespace kiosk::drivers {

// The grey level at a continuous position; `outside` where the position leaves the image.
std::uint8_t sample_bilinear(const GrayImage& image, PointF position, std::uint8_t outside);

// Resamples the part of `image` inside `quad` into an upright width x height image, bilinear:
// one call straightens, crops and scales. Corners map to the output's corners in Quad's order.
GrayImage warp_quad_to_rectangle(const GrayImage& image, const Quad& quad, int width, int height,
                                 std::uint8_t outside);

// Turns the picture counter-clockwise by `degrees` about its centre. The canvas grows to hold the
// whole turned picture; new pixels are `outside`.
GrayImage rotate(const GrayImage& image, double degrees, std::uint8_t outside);

// The part of the image inside the rectangle, clipped to the image.
GrayImage crop(const GrayImage& image, int left, int top, int width, int height);

// Bilinear resampling to a new size (meant for enlarging; shrink_by averages for shrinking).
GrayImage resize(const GrayImage& image, int width, int height);

// Averages each factor x factor block into one pixel (an integer downscale without aliasing).
GrayImage shrink_by(const GrayImage& image, int factor);

// Separable Gaussian blur; the border repeats the edge pixels.
GrayImage gaussian_blur(const GrayImage& image, double sigma);

// 3x3 median: removes salt-and-pepper and camera noise while keeping bar edges sharp.
GrayImage median3(const GrayImage& image);

// Unsharp masking: adds `amount` times the difference from a Gaussian blur of `sigma`, which
// restores edges that enlarging (or a lens) softened.
GrayImage sharpen(const GrayImage& image, double sigma, double amount);

// The grey level that best splits the image's histogram in two classes (Otsu, 1979).
std::uint8_t otsu_threshold(const GrayImage& image);

// The median grey level: a fill for pixels outside a frame that matches its background.
std::uint8_t median_level(const GrayImage& image);

}  // namespace kiosk::drivers
