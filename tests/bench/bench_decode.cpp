// Decode rate and time per image of our PDF417 path next to a bare ZXing::ReadBarcodes call with
// default hints, on the same images, in one run: clean images straight from an encoder, and
// camera-like distorted ones (turned, tilted, noisy, small, blurred, JPEG, in a cluttered frame).
//
//   bench_decode [--per-class N] [DIR]
// DIR: also time both on every PNG/JPEG/PGM in DIR (rates there count images where anything was
// read, as the files carry no expected payload).

#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aamva_like_payloads.hpp"
#include "kiosk/drivers/decode/image_file.hpp"
#include "kiosk/drivers/decode/pdf417_decoder.hpp"
#include "pdf417_scenes.hpp"

namespace {

using kiosk::drivers::GrayImage;
using Clock = std::chrono::steady_clock;

struct Sample {
  GrayImage image;
  std::optional<std::vector<std::uint8_t>> expected;  // none for images from a directory
  std::string group;
};

struct Outcome {
  bool read = false;
  double milliseconds = 0;
};

template <class Read>
Outcome timed(const Sample& sample, Read read) {
  const auto start = Clock::now();
  const std::optional<std::vector<std::uint8_t>> payload = read(sample.image);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  const bool read_right = payload && (!sample.expected || *payload == *sample.expected);
  return {read_right, ms};
}

std::optional<std::vector<std::uint8_t>> bare_zxing(const GrayImage& image) {
  const ZXing::ImageView view(image.pixels().data(), image.width(), image.height(), ZXing::ImageFormat::Lum);
  for (const auto& result : ZXing::ReadBarcodes(view)) {
    if (result.format() == ZXing::BarcodeFormat::PDF417) {
      return std::vector<std::uint8_t>(result.bytes().begin(), result.bytes().end());
    }
  }
  return std::nullopt;
}

std::optional<std::vector<std::uint8_t>> ours(const GrayImage& image) {
  auto decoded = kiosk::drivers::decode_pdf417(image.view());
  if (!decoded) return std::nullopt;
  return std::move(decoded->payload);
}

struct Tally {
  int images = 0;
  int read = 0;
  std::vector<double> times;

  void add(const Outcome& outcome) {
    ++images;
    read += outcome.read ? 1 : 0;
    times.push_back(outcome.milliseconds);
  }
  double rate() const { return images ? 100.0 * read / images : 0; }
  double mean() const {
    double sum = 0;
    for (double t : times) sum += t;
    return times.empty() ? 0 : sum / static_cast<double>(times.size());
  }
  double percentile(double p) const {
    if (times.empty()) return 0;
    auto sorted = times;
    std::sort(sorted.begin(), sorted.end());
    return sorted[static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1))];
  }
};

void report(const std::string& title, const std::vector<Sample>& samples, bool per_group) {
  Tally bare_total, ours_total;
  std::map<std::string, std::pair<Tally, Tally>> groups;
  for (const auto& sample : samples) {
    const Outcome bare = timed(sample, bare_zxing);
    const Outcome our = timed(sample, ours);
    bare_total.add(bare);
    ours_total.add(our);
    groups[sample.group].first.add(bare);
    groups[sample.group].second.add(our);
  }
  std::printf("\n%s: %d images\n", title.c_str(), bare_total.images);
  std::printf("  %-22s %8s %10s %10s %10s\n", "", "read", "mean ms", "median ms", "p95 ms");
  auto line = [](const std::string& name, const Tally& tally) {
    std::printf("  %-22s %7.1f%% %10.2f %10.2f %10.2f\n", name.c_str(), tally.rate(), tally.mean(),
                tally.percentile(0.5), tally.percentile(0.95));
  };
  line("bare ZXing", bare_total);
  line("ours", ours_total);
  if (!per_group) return;
  for (const auto& [group, tallies] : groups) {
    line(group + " bare", tallies.first);
    line(group + " ours", tallies.second);
  }
}

}  // namespace

int main(int argc, char** argv) {
  using kiosk::testing::Distortion;
  int per_class = 20;
  std::optional<std::filesystem::path> directory;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--per-class" && i + 1 < argc) {
      per_class = std::max(1, std::atoi(argv[++i]));
    } else {
      directory = arg;
    }
  }

  std::vector<Sample> clean;
  std::vector<Sample> distorted;
  std::uint32_t seed = 1;
  for (int i = 0; i < per_class; ++i) {
    const auto payload = kiosk::testing::aamva_like_payload(seed);
    clean.push_back({kiosk::testing::make_scene(payload, Distortion::Clean, seed).image, payload, "clean"});
    ++seed;
  }
  for (const Distortion distortion : kiosk::testing::camera_distortions) {
    for (int i = 0; i < per_class; ++i) {
      const auto payload = kiosk::testing::aamva_like_payload(seed);
      auto scene = kiosk::testing::make_scene(payload, distortion, seed);
      distorted.push_back(
          {std::move(scene.image), payload, std::string(kiosk::testing::to_string(distortion))});
      ++seed;
    }
  }
  std::printf(
      "PDF417 decoding, one core: bare ZXing::ReadBarcodes (default hints, every format) vs\n"
      "kiosk decode_pdf417 (PDF417 only; a clean image costs it one ZXing call)\n");
  report("clean", clean, false);
  report("distorted", distorted, true);

  if (directory) {
    std::vector<Sample> files;
    for (const auto& entry : std::filesystem::directory_iterator(*directory)) {
      auto image = kiosk::drivers::load_gray_image(entry.path());
      if (image) files.push_back({std::move(image.value()), std::nullopt, "file"});
    }
    report(directory->string() + " (read = anything read)", files, false);
  }
  return 0;
}
