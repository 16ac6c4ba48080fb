// The live camera source: its own capture and decode threads, frames dropped (never queued)
// while a decode runs, one scan per card in view, confirmations, and a camera that comes and goes.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>

#include "aamva_like_payloads.hpp"
#include "fake_video_device.hpp"
#include "kiosk/drivers/scanner/camera_scan_source.hpp"
#include "kiosk/drivers/scanner/picture_sources.hpp"
#include "kiosk/drivers/scanner/recorded_camera.hpp"
#include "pdf417_scenes.hpp"
#include "scanner_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::drivers;
using namespace scanner_test;
using namespace std::chrono_literals;

namespace {

// A frame that carries its number in its first pixel.
GrayImage numbered(int number) {
  return GrayImage(4, 4, static_cast<std::uint8_t>(number));
}
int number_of(const GrayImage& frame) {
  return frame.at(0, 0);
}

// A camera whose frames the test hands in one at a time.
class HandFedCamera final : public Camera {
 public:
  void feed(int number) {
    {
      std::lock_guard lock(mutex_);
      waiting_.push_back(number);
    }
    changed_.notify_all();
  }
  std::size_t taken() {
    std::lock_guard lock(mutex_);
    return taken_;
  }
  Expected<CameraFormat, CameraError> open() override { return CameraFormat{4, 4, "test", 0}; }
  Expected<bool, CameraError> next_frame(std::chrono::milliseconds timeout,
                                         const Destination& destination) override {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout, [this] { return !waiting_.empty(); })) return false;
    const int number = waiting_.front();
    waiting_.pop_front();
    ++taken_;
    if (number < 0) return fail(CameraError{CameraErrc::Ended, "fed to the end"});
    if (GrayImage* into = destination()) *into = numbered(number);
    return true;
  }
  void close() noexcept override {}

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<int> waiting_;
  std::size_t taken_ = 0;
};

// A decode the test holds: it records each frame's number and waits to be let go.
class HeldDecode {
 public:
  CameraScanSource::Decode function() {
    return [this](const GrayImage& frame) -> std::optional<CameraScanSource::Payload> {
      std::unique_lock lock(mutex_);
      seen_.push_back(number_of(frame));
      changed_.notify_all();
      changed_.wait(lock, [this] { return released_ > 0; });
      --released_;
      return std::nullopt;
    };
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      ++released_;
    }
    changed_.notify_all();
  }
  std::vector<int> seen() {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  bool wait_seen(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 10s, [&] { return seen_.size() >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<int> seen_;
  int released_ = 0;
};

// The decoder's work, not its time budget: a sanitizer build runs many times slower.
DecodeLimits unhurried() {
  DecodeLimits limits;
  limits.time_budget = std::chrono::hours(1);
  return limits;
}

}  // namespace

TEST_CASE("camera: frames arriving while a decode runs are dropped, and the next decode gets a fresh one") {
  auto owned = std::make_unique<HandFedCamera>();
  HandFedCamera& camera = *owned;
  HeldDecode decode;
  SystemClock clock;
  MemoryLogger logger;
  ScanQueue queue;
  CameraScanSource source(std::move(owned), decode.function(), clock, logger);
  source.start(queue);
  camera.feed(0);
  REQUIRE(decode.wait_seen(1));
  for (int n = 1; n <= 5; ++n) camera.feed(n);  // while frame 0 is being read
  REQUIRE(wait_for([&] { return camera.taken() == 6; }));
  REQUIRE(wait_for([&] { return source.stats().frames == 6; }));
  decode.release();
  REQUIRE(wait_for([&] { return source.stats().decoded == 1; }));
  camera.feed(6);
  REQUIRE(decode.wait_seen(2));
  decode.release();
  // Frames 1-5 were never read, not even late: the decoder's second frame is the newest.
  CHECK(decode.seen() == std::vector<int>{0, 6});
  REQUIRE(wait_for([&] { return source.stats().decoded == 2; }));
  const auto stats = source.stats();
  CHECK(stats.frames == 7);
  CHECK(stats.dropped == 5);
  CHECK(stats.scans == 0);
  source.stop();
}

TEST_CASE("camera: the same card in frame after frame is one scan, confirmed by two reads") {
  auto owned = std::make_unique<HandFedCamera>();
  HandFedCamera& camera = *owned;
  ManualClock clock(std::chrono::system_clock::time_point{});
  MemoryLogger logger;
  ScanQueue queue;
  // Frame numbers stand for what the decoder reads: 1 card A, 2 card B, 9 a misread, 0 nothing.
  CameraScanSource::Decode decode = [](const GrayImage& frame) -> std::optional<CameraScanSource::Payload> {
    switch (number_of(frame)) {
      case 1: return bytes("card A");
      case 2: return bytes("card B");
      case 9: return bytes("card A, misread");
      default: return std::nullopt;
    }
  };
  CameraSourceOptions options;
  options.repeat_window = 3s;
  CameraScanSource source(std::move(owned), decode, clock, logger, options);
  source.start(queue);
  // Fed one at a time, each read before the next, with 100 ms of the kiosk's clock between.
  std::uint64_t fed = 0;
  auto show = [&](std::initializer_list<int> frames) {
    for (int n : frames) {
      camera.feed(n);
      ++fed;
      REQUIRE(wait_for([&] { return source.stats().decoded == fed; }));
      clock.advance(100ms);
    }
  };
  show({0, 9, 1, 1, 1, 1, 0, 1, 1});  // a lone misread, then A in view (one gap): A once
  show({2, 0, 2});                    // B, confirmed across a frame with nothing
  show({1, 1});                       // A again after B: a new scan
  clock.advance(10s);
  show({1, 1});  // A again after it was gone longer than the window
  std::vector<std::string> delivered;
  while (auto scan = queue.try_pop()) delivered.push_back(std::string(scan->text()));
  CHECK(delivered == std::vector<std::string>{"card A", "card B", "card A", "card A"});
  CHECK(source.stats().scans == 4);
  camera.feed(-1);  // the end of the recording
  REQUIRE(wait_for([&] { return source.status().state == SourceState::Finished; }));
  CHECK(source.status().detail == std::to_string(fed));
}

TEST_CASE("camera: a recorded frame sequence read through the real decoder gives the card once") {
  // A desk with nothing on it, a card held in view (tilted, turned, each frame a little
  // different), the desk again: read in step, every frame decoded.
  const auto payload = testing::aamva_like_payload(40);
  std::vector<GrayImage> frames;
  std::mt19937 desk(7);
  for (int i = 0; i < 3; ++i) frames.push_back(testing::scene_detail::cluttered_frame(desk));
  for (std::uint32_t seed = 41; seed < 47; ++seed)
    frames.push_back(testing::make_scene(payload, testing::Distortion::Framed, seed).image);
  for (int i = 0; i < 3; ++i) frames.push_back(testing::scene_detail::cluttered_frame(desk));
  SystemClock clock;
  MemoryLogger logger;
  ScanQueue queue;
  auto source =
      make_camera_source(std::make_unique<RecordedCamera>(frames, 0), clock, logger, {}, unhurried());
  source->start(queue);
  REQUIRE(wait_for([&] { return source->status().state == SourceState::Finished; }, 300s));
  const auto stats = source->stats();
  CHECK(stats.frames == frames.size());
  CHECK(stats.decoded == frames.size());
  CHECK(stats.dropped == 0);
  REQUIRE(queue.size() == 1);
  auto scan = queue.try_pop();
  CHECK(scan->payload == payload);
  CHECK(scan->source == ScanSourceKind::Camera);
}

TEST_CASE("camera: the V4L2 camera through the source - a card in YUYV frames is one scan") {
  const auto payload = testing::aamva_like_payload(50);
  std::vector<GrayImage> frames;
  for (std::uint32_t seed = 51; seed < 55; ++seed)
    frames.push_back(testing::make_scene(payload, testing::Distortion::Framed, seed).image);
  testing::FakeVideoBehaviour behaviour;
  behaviour.loop = false;
  auto state = std::make_shared<testing::FakeVideoState>();
  auto camera =
      std::make_unique<V4l2Camera>(V4l2Settings{"/dev/video0", 1280, 720, 30, 4},
                                   std::make_unique<testing::FakeVideoDevice>(frames, behaviour, state));
  SystemClock clock;
  MemoryLogger logger;
  ScanQueue queue;
  auto source = make_camera_source(std::move(camera), clock, logger, {}, unhurried());
  source->start(queue);
  // The fake streams its four frames as fast as they are taken: most are dropped while the first
  // decodes, and the source keeps waiting for more. Each frame is one the decoder could read.
  REQUIRE(wait_for([&] { return source->stats().frames == 4 && source->stats().decoded >= 1; }, 60s));
  REQUIRE(wait_for([&] { return source->stats().decoded + source->stats().dropped == 4; }, 60s));
  CHECK(source->status().state == SourceState::Listening);
  CHECK(source->status().detail == "1280x720 YUYV @ 30 fps");
  source->stop();
  // Two reads agree before a scan: with fewer than two decoded, none may have come.
  CHECK(queue.size() == (source->stats().decoded >= 2 ? 1u : 0u));
  std::lock_guard lock(state->mutex);
  CHECK(state->unmaps == state->maps);
  CHECK(state->closes == state->opens);
}

TEST_CASE("camera: a missing camera is reported and tried again until it is there") {
  class FlakyCamera final : public Camera {
   public:
    std::atomic<int> opens{0};
    Expected<CameraFormat, CameraError> open() override {
      if (++opens < 3) return fail(CameraError{CameraErrc::NotFound, "/dev/video0: not there"});
      return CameraFormat{4, 4, "GREY", 30};
    }
    Expected<bool, CameraError> next_frame(std::chrono::milliseconds timeout, const Destination&) override {
      std::this_thread::sleep_for(std::min(timeout, 5ms));
      return false;
    }
    void close() noexcept override {}
  };
  auto owned = std::make_unique<FlakyCamera>();
  FlakyCamera& camera = *owned;
  SystemClock clock;
  MemoryLogger logger;
  ScanQueue queue;
  CameraSourceOptions options;
  options.reopen_delay = 10ms;
  CameraScanSource source(
      std::move(owned), [](const GrayImage&) { return std::optional<CameraScanSource::Payload>(); }, clock,
      logger, options);
  source.start(queue);
  REQUIRE(wait_for([&] { return source.status().state == SourceState::Listening; }));
  CHECK(camera.opens == 3);
  CHECK(source.status().detail == "4x4 GREY @ 30 fps");
  bool waiting_logged = false;
  for (const auto& line : logger.lines())
    waiting_logged = waiting_logged || line.message.find("not there") != std::string::npos;
  CHECK(waiting_logged);
  source.stop();
  CHECK(source.status().state == SourceState::Stopped);
}
