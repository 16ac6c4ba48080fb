// Decode rate and time per image of our PDF417 path next to a bare ZXing::ReadBarcodes call with
// default hints, on the same images, in one run: clean images straight from an encoder, and
// camera-like distorted ones (turned, tilted, noisy, small, blurred, JPEG, in a cluttered frame).
// Per distortion kind it prints both, their ratio, how many ZXing calls ours made per image and
// which of its steps read them. Prints figures; asserts nothing.
//
//   bench_decode [--per-class N] [--kind KIND] [--camera-fps F] [DIR]
// --kind: only that kind ("clean", "rotated", ...): what a profiler run wants.
// --camera-fps: the rate the camera source's recording is played at (30; 0 leaves it out).
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
#include "kiosk/drivers/scanner/picture_sources.hpp"
#include "kiosk/drivers/scanner/recorded_camera.hpp"
#include "pdf417_scenes.hpp"

namespace {

using kiosk::drivers::GrayImage;
using Clock = std::chrono::steady_clock;

struct Sample {
  GrayImage image;
  std::optional<std::vector<std::uint8_t>> expected;  // none for images from a directory
  std::string group;
  std::string description;  // the scene's seed and amounts, printed when ours misses it
};

struct Read {
  std::optional<std::vector<std::uint8_t>> payload;
  int zxing_calls = 1;
  std::string step;  // ours only
};

struct Outcome {
  bool read = false;
  double milliseconds = 0;
  Read detail;
};

template <class Reader>
Outcome timed(const Sample& sample, Reader reader) {
  const auto start = Clock::now();
  Read result = reader(sample.image);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  const bool read_right = result.payload && (!sample.expected || *result.payload == *sample.expected);
  return {read_right, ms, std::move(result)};
}

Read bare_zxing(const GrayImage& image) {
  const ZXing::ImageView view(image.pixels().data(), image.width(), image.height(), ZXing::ImageFormat::Lum);
  for (const auto& result : ZXing::ReadBarcodes(view)) {
    if (result.format() == ZXing::BarcodeFormat::PDF417) {
      return {std::vector<std::uint8_t>(result.bytes().begin(), result.bytes().end()), 1, {}};
    }
  }
  return {};
}

Read ours(const GrayImage& image) {
  // The work, not the time budget's cut-off: under a profiler (valgrind runs 50 times slower)
  // the default budget would end attempts that a normal run makes.
  kiosk::drivers::DecodeLimits unhurried;
  unhurried.time_budget = std::chrono::hours(1);
  kiosk::drivers::DecodeReport report;
  auto decoded = kiosk::drivers::decode_pdf417(image.view(), unhurried, &report);
  if (!decoded) return {std::nullopt, report.zxing_reads, "none"};
  return {std::move(decoded->payload), report.zxing_reads, std::string(to_string(decoded->step))};
}

struct Tally {
  int images = 0;
  int read = 0;
  int zxing_calls = 0;
  std::map<std::string, int> steps;
  std::vector<double> times;

  void add(const Outcome& outcome) {
    ++images;
    read += outcome.read ? 1 : 0;
    zxing_calls += outcome.detail.zxing_calls;
    if (!outcome.detail.step.empty()) ++steps[outcome.detail.step];
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
  std::string step_counts() const {
    std::string text;
    for (const auto& [step, count] : steps) text += " " + step + ":" + std::to_string(count);
    return text;
  }
};

void report(const std::string& title, const std::vector<Sample>& samples, bool per_group) {
  Tally bare_total, ours_total;
  std::map<std::string, std::pair<Tally, Tally>> groups;
  for (const auto& sample : samples) {
    // Alternating which goes first keeps a cache or a neighbour's load from favouring one.
    const bool bare_first = (bare_total.images % 2) == 0;
    const Outcome first = bare_first ? timed(sample, bare_zxing) : timed(sample, ours);
    const Outcome second = bare_first ? timed(sample, ours) : timed(sample, bare_zxing);
    const Outcome& bare = bare_first ? first : second;
    const Outcome& our = bare_first ? second : first;
    bare_total.add(bare);
    ours_total.add(our);
    groups[sample.group].first.add(bare);
    groups[sample.group].second.add(our);
    if (!our.read) std::printf("  ours missed: %s\n", sample.description.c_str());
  }
  std::printf("\n%s: %d images\n", title.c_str(), bare_total.images);
  std::printf("  %-14s %7s %9s %9s %9s %7s %7s  %s\n", "", "read", "mean ms", "median", "p95", "ratio",
              "calls", "read by (ours)");
  auto line = [](const std::string& name, const Tally& tally, double ratio, bool ours_side) {
    std::printf("  %-14s %6.1f%% %9.2f %9.2f %9.2f", name.c_str(), tally.rate(), tally.mean(),
                tally.percentile(0.5), tally.percentile(0.95));
    if (ours_side) {
      std::printf(" %6.2fx %7.2f %s", ratio,
                  tally.images ? static_cast<double>(tally.zxing_calls) / tally.images : 0.0,
                  tally.step_counts().c_str());
    }
    std::printf("\n");
  };
  auto pair = [&](const std::string& name, const Tally& bare, const Tally& our) {
    line(name + " bare", bare, 1, false);
    line(name + " ours", our, bare.mean() > 0 ? our.mean() / bare.mean() : 0, true);
  };
  pair("all", bare_total, ours_total);
  if (!per_group) return;
  for (const auto& [group, tallies] : groups) pair(group, tallies.first, tallies.second);
}

// The camera source on a recording played at a camera's rate: a desk, a card held in view for a
// second and a half (each frame a different tilt and turn), the desk again. Whether the source
// takes every frame as it comes (none lost), how many it reads, drops and scans, and how long
// after the card appeared its scan reached the queue.
void camera_at_frame_rate(double frames_per_second) {
  using namespace std::chrono;
  const auto payload = kiosk::testing::aamva_like_payload(900);
  std::vector<GrayImage> frames;
  std::mt19937 desk(900);
  const int before = 30;
  const int card = 45;
  for (int i = 0; i < before; ++i) frames.push_back(kiosk::testing::scene_detail::cluttered_frame(desk));
  for (int i = 0; i < card; ++i) {
    frames.push_back(kiosk::testing::make_scene(payload, kiosk::testing::Distortion::Framed,
                                                901 + static_cast<std::uint32_t>(i))
                         .image);
  }
  for (int i = 0; i < 15; ++i) frames.push_back(kiosk::testing::scene_detail::cluttered_frame(desk));
  auto recording = std::make_unique<kiosk::drivers::RecordedCamera>(frames, frames_per_second);
  const auto& camera = *recording;
  kiosk::SystemClock clock;
  kiosk::MemoryLogger logger;
  kiosk::drivers::ScanQueue queue;
  auto source = kiosk::drivers::make_camera_source(std::move(recording), clock, logger);
  const auto start = Clock::now();
  source->start(queue);
  std::optional<Clock::time_point> scanned;
  while (source->status().state != kiosk::drivers::SourceState::Finished) {
    if (!scanned && queue.pop(milliseconds(2))) scanned = Clock::now();
  }
  if (!scanned && queue.try_pop()) scanned = Clock::now();
  const double seconds = duration<double>(Clock::now() - start).count();
  const auto stats = source->stats();
  const double card_shown = before / frames_per_second;
  std::printf("\ncamera source, %zu recorded 1280x720 frames offered at %.0f fps (card in frames %d-%d)\n",
              frames.size(), frames_per_second, before, before + card - 1);
  std::printf(
      "  taken %llu (%.1f fps), lost by the recording %llu, decoded %llu (%.1f /s), dropped %llu, "
      "scans %llu\n",
      static_cast<unsigned long long>(stats.frames), static_cast<double>(stats.frames) / seconds,
      static_cast<unsigned long long>(camera.lost()), static_cast<unsigned long long>(stats.decoded),
      static_cast<double>(stats.decoded) / seconds, static_cast<unsigned long long>(stats.dropped),
      static_cast<unsigned long long>(stats.scans));
  if (scanned) {
    std::printf("  scan in the queue %.0f ms after the card appeared\n",
                (duration<double>(*scanned - start).count() - card_shown) * 1000);
  } else {
    std::printf("  no scan\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  using kiosk::testing::Distortion;
  int per_class = 20;
  std::string only_kind;
  double camera_fps = 30;
  std::optional<std::filesystem::path> directory;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--per-class" && i + 1 < argc) {
      per_class = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--camera-fps" && i + 1 < argc) {
      camera_fps = std::atof(argv[++i]);
    } else if (arg == "--kind" && i + 1 < argc) {
      only_kind = argv[++i];
    } else {
      directory = arg;
    }
  }
  const auto wanted = [&only_kind](Distortion distortion) {
    return only_kind.empty() || only_kind == kiosk::testing::to_string(distortion);
  };

  // Seeds are fixed per kind: the same scenes whatever --kind says.
  std::vector<Sample> clean;
  std::vector<Sample> distorted;
  std::uint32_t seed = 1;
  for (int i = 0; i < per_class; ++i, ++seed) {
    if (!wanted(Distortion::Clean)) continue;
    const auto payload = kiosk::testing::aamva_like_payload(seed);
    auto scene = kiosk::testing::make_scene(payload, Distortion::Clean, seed);
    clean.push_back(
        {std::move(scene.image), payload, "clean", "seed " + std::to_string(seed) + " " + scene.description});
  }
  for (const Distortion distortion : kiosk::testing::camera_distortions) {
    for (int i = 0; i < per_class; ++i, ++seed) {
      if (!wanted(distortion)) continue;
      const auto payload = kiosk::testing::aamva_like_payload(seed);
      auto scene = kiosk::testing::make_scene(payload, distortion, seed);
      distorted.push_back({std::move(scene.image), payload,
                           std::string(kiosk::testing::to_string(distortion)),
                           "seed " + std::to_string(seed) + " " + scene.description});
    }
  }
  std::printf(
      "PDF417 decoding, one core: bare ZXing::ReadBarcodes (default hints, every format) vs\n"
      "kiosk decode_pdf417 (PDF417 only). ratio: ours' mean time over bare's; calls: ZXing calls\n"
      "per image (bare makes one).\n");
  if (!clean.empty()) report("clean", clean, false);
  if (!distorted.empty()) report("distorted", distorted, true);

  if (only_kind.empty() && camera_fps > 0) camera_at_frame_rate(camera_fps);

  if (directory) {
    std::vector<Sample> files;
    for (const auto& entry : std::filesystem::directory_iterator(*directory)) {
      auto image = kiosk::drivers::load_gray_image(entry.path());
      if (image) files.push_back({std::move(image.value()), std::nullopt, "file", entry.path().string()});
    }
    report(directory->string() + " (read = anything read)", files, false);
  }
  return 0;
}
