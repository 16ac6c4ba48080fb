// libFuzzer harness for image input: arbitrary bytes through decode_gray_image (the PNG, JPEG and
// PGM/PPM loaders, our PNM reader and stb's), and every small image that loads through
// decode_pdf417 (the locator, resampling, edge fitting and ZXing). No crash, no sanitizer report,
// no runaway: a loaded image is within the pixel cap and holds exactly its pixels, and a decode
// stays within its limits.
//
// With KIOSK_FUZZ_SEED_DIR set, it writes a seed corpus there (PDF417 pictures drawn by the
// tests' scene generator, in each format) and exits: tests/fuzz/run-fuzzers.sh asks for it.
#include <stb_image_write.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "aamva_like_payloads.hpp"
#include "kiosk/drivers/decode/image_file.hpp"
#include "kiosk/drivers/decode/image_ops.hpp"
#include "kiosk/drivers/decode/pdf417_decoder.hpp"
#include "pdf417_scenes.hpp"
#include "scanner_fixtures.hpp"

using namespace kiosk::drivers;

namespace {

// Decoding is tried on small images only: the fuzzer's time goes to many inputs, not a few frames.
constexpr std::int64_t kDecodedPixels = 128 * 128;

void require(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "broken invariant: %s\n", what);
  std::abort();
}

void append(void* context, void* data, int size) {
  auto* out = static_cast<scanner_test::Bytes*>(context);
  out->insert(out->end(), static_cast<std::uint8_t*>(data), static_cast<std::uint8_t*>(data) + size);
}

std::vector<scanner_test::Bytes> seeds() {
  using namespace kiosk::testing;
  std::vector<scanner_test::Bytes> out;
  // A short payload keeps the symbols, and so the seeds, small.
  const std::vector<std::uint8_t> payload =
      scanner_test::bytes("@\n\x1e\rANSI 636012090001DL00310020DLDAQ1\nDCSX\r");
  for (auto distortion : {Distortion::Clean, Distortion::Rotated, Distortion::Small}) {
    GrayImage image = make_scene(payload, distortion, 3).image;
    while (static_cast<std::int64_t>(image.width()) * image.height() > kDecodedPixels)
      image = shrink_by(image, 2);
    scanner_test::Bytes png, jpeg;
    stbi_write_png_to_func(append, &png, image.width(), image.height(), 1, image.pixels().data(),
                           image.width());
    stbi_write_jpg_to_func(append, &jpeg, image.width(), image.height(), 1, image.pixels().data(), 80);
    std::string pgm =
        "P5\n" + std::to_string(image.width()) + " " + std::to_string(image.height()) + "\n255\n";
    pgm.append(image.pixels().begin(), image.pixels().end());
    out.push_back(png);
    out.push_back(jpeg);
    out.push_back(scanner_test::bytes(pgm));
  }
  out.push_back(scanner_test::bytes("P6\n2 1\n65535\n\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c"));
  out.push_back(scanner_test::bytes("P5\n# comment\n4 4\n15\n"));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* dir = std::getenv("KIOSK_FUZZ_SEED_DIR")) {
    scanner_test::write_seed_corpus(dir, seeds());
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto image = decode_gray_image({data, size}, "fuzz");
  if (!image) {
    require(!image.error().detail.empty(), "a refusal says why");
    return 0;
  }
  const std::int64_t pixels = static_cast<std::int64_t>(image->width()) * image->height();
  require(pixels > 0 && pixels <= max_image_pixels, "a loaded image is within the pixel cap");
  require(image->pixels().size() == static_cast<std::size_t>(pixels), "an image holds exactly its pixels");
  if (pixels > kDecodedPixels) return 0;
  DecodeLimits limits;
  limits.time_budget = std::chrono::milliseconds(500);
  DecodeReport report;
  const auto decoded = decode_pdf417(image->view(), limits, &report);
  require(!decoded || !decoded->payload.empty(), "a read barcode has a payload");
  require(report.zxing_reads <= 8, "a bounded number of ZXing reads per image");
  return 0;
}
