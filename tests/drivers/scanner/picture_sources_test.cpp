// The camera and image-file sources over the real decoding API, with pictures drawn by the
// decoding tests' scene generator.
#include <stb_image_write.h>
#include <catch2/catch.hpp>

#include <fstream>

#include "kiosk/drivers/scanner/picture_sources.hpp"
#include "kiosk/drivers/scanner/recorded_camera.hpp"
#include "pdf417_scenes.hpp"
#include "scanner_fixtures.hpp"
#include "scratch_dir.hpp"

using namespace kiosk;
using namespace kiosk::drivers;
using namespace scanner_test;
using kiosk::testing::Distortion;
using kiosk::testing::make_scene;

namespace {

void write_png(const std::filesystem::path& file, const GrayImage& image) {
  REQUIRE(stbi_write_png(file.c_str(), image.width(), image.height(), 1, image.pixels().data(),
                         image.width()) != 0);
}

}  // namespace

TEST_CASE("image files: each picture holding a barcode is one scan, and blank or broken files are skipped") {
  ScratchDir dir("kiosk-image-files");
  const Bytes licence = bytes(sample_licence());
  write_png(dir / "1-card.png", make_scene(licence, Distortion::Clean, 1).image);
  write_png(dir / "2-blank.png", GrayImage(200, 100, 255));
  std::ofstream(dir / "3-broken.png") << "not a picture";
  write_png(dir / "4-card-again.png", make_scene(licence, Distortion::Rotated, 2).image);

  SystemClock clock;
  MemoryLogger logger;
  ScanQueue queue;
  auto source = make_image_file_source({dir.path()}, clock, logger);
  CHECK(source->kind() == ScanSourceKind::ImageFile);
  source->start(queue);
  REQUIRE(
      wait_for([&] { return source->status().state == SourceState::Finished; }, std::chrono::seconds(60)));
  CHECK(source->status().detail == "3");  // pictures read: the broken file is not one
  REQUIRE(queue.size() == 2);
  for (int i = 0; i < 2; ++i) {
    auto scan = queue.try_pop();
    CHECK(scan->payload == licence);
    CHECK(scan->source == ScanSourceKind::ImageFile);
  }
  bool skipped_logged = false;
  for (const auto& line : logger.lines())
    skipped_logged = skipped_logged || line.message.find("3-broken.png") != std::string::npos;
  CHECK(skipped_logged);
}

TEST_CASE("a camera that keeps seeing the same card in framed, tilted pictures gives one scan") {
  const Bytes licence = bytes(sample_licence());
  std::vector<GrayImage> frames;
  for (std::uint32_t seed = 10; seed < 14; ++seed)
    frames.push_back(make_scene(licence, Distortion::Framed, seed).image);
  SystemClock clock;
  MemoryLogger logger;
  ScanQueue queue;
  // The decoder's work, not its time budget, which a sanitizer build would exhaust.
  DecodeLimits unhurried;
  unhurried.time_budget = std::chrono::hours(1);
  auto camera = make_camera_source(std::make_unique<RecordedCamera>(frames, 0), clock, logger, {}, unhurried);
  CHECK(camera->kind() == ScanSourceKind::Camera);
  camera->start(queue);
  REQUIRE(
      wait_for([&] { return camera->status().state == SourceState::Finished; }, std::chrono::seconds(60)));
  REQUIRE(queue.size() == 1);
  CHECK(queue.try_pop()->payload == licence);
}
