// The V4L2 camera against a fake driver (this machine has no camera): format negotiation, the
// buffer queue, each pixel format's conversion, and the failures a real device shows.
#include <catch2/catch.hpp>

#include <cerrno>

#include "fake_video_device.hpp"
#include "kiosk/drivers/scanner/v4l2_camera.hpp"

using namespace kiosk;
using namespace kiosk::drivers;
using namespace kiosk::testing;

namespace {

// A frame whose every pixel differs from its neighbours: a conversion that takes a wrong byte
// cannot come out right by chance.
GrayImage pattern(int width, int height, int seed) {
  GrayImage image(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x)
      image.at(x, y) = static_cast<std::uint8_t>((x * 7 + y * 13 + seed * 29) % 251);
  }
  return image;
}

struct Rig {
  std::shared_ptr<FakeVideoState> state = std::make_shared<FakeVideoState>();
  std::unique_ptr<V4l2Camera> camera;

  Rig(std::vector<GrayImage> frames, FakeVideoBehaviour behaviour,
      V4l2Settings settings = {"/dev/video9", 64, 48, 30, 4}) {
    camera = std::make_unique<V4l2Camera>(
        settings, std::make_unique<FakeVideoDevice>(std::move(frames), behaviour, state));
  }
};

}  // namespace

TEST_CASE("v4l2: each format the kiosk reads gives back the frame's luminance exactly") {
  for (std::uint32_t fourcc :
       {V4L2_PIX_FMT_GREY, V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_UYVY, V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_YUV420}) {
    for (std::size_t padding : {std::size_t{0}, std::size_t{24}}) {
      INFO(fourcc_text(fourcc) << ", row padding " << padding);
      FakeVideoBehaviour behaviour;
      behaviour.formats = {fourcc};
      behaviour.row_padding = padding;
      Rig rig({pattern(64, 48, 1), pattern(64, 48, 2)}, behaviour);
      auto format = rig.camera->open();
      REQUIRE(format);
      CHECK(format->width == 64);
      CHECK(format->height == 48);
      CHECK(format->pixel_format == fourcc_text(fourcc));
      for (int seed : {1, 2, 1}) {
        GrayImage frame;
        auto arrived = rig.camera->next_frame(std::chrono::milliseconds(100), [&frame] { return &frame; });
        REQUIRE(arrived);
        REQUIRE(*arrived);
        CHECK(frame.pixels() == pattern(64, 48, seed).pixels());
      }
    }
  }
}

TEST_CASE("v4l2: an MJPEG-only camera is read through a JPEG decode") {
  FakeVideoBehaviour behaviour;
  behaviour.formats = {V4L2_PIX_FMT_MJPEG};
  const GrayImage flat(64, 48, 90);
  Rig rig({flat}, behaviour);
  REQUIRE(rig.camera->open());
  GrayImage frame;
  REQUIRE(rig.camera->next_frame(std::chrono::milliseconds(100), [&frame] { return &frame; }).value());
  REQUIRE(frame.width() == 64);
  for (auto level : frame.pixels()) CHECK(std::abs(level - 90) <= 2);
}

TEST_CASE("v4l2: the best format offered is chosen, and the driver's size is the one used") {
  FakeVideoBehaviour behaviour;
  behaviour.formats = {V4L2_PIX_FMT_MJPEG, V4L2_PIX_FMT_RGB24, V4L2_PIX_FMT_YUYV};
  behaviour.max_width = 32;
  behaviour.max_height = 24;
  Rig rig({pattern(64, 48, 3)}, behaviour);
  auto format = rig.camera->open();
  REQUIRE(format);
  CHECK(format->pixel_format == "YUYV");
  CHECK(format->text() == "32x24 YUYV @ 30 fps");
  GrayImage frame;
  REQUIRE(rig.camera->next_frame(std::chrono::milliseconds(100), [&frame] { return &frame; }).value());
  CHECK(frame.width() == 32);
  CHECK(frame.height() == 24);

  FakeVideoBehaviour foreign;
  foreign.formats = {V4L2_PIX_FMT_RGB24, V4L2_PIX_FMT_BGR24};
  Rig refused({pattern(8, 8, 1)}, foreign);
  auto none = refused.camera->open();
  REQUIRE_FALSE(none);
  CHECK(none.error().code == CameraErrc::Unsupported);
  CHECK(none.error().detail.find("RGB3, BGR3") != std::string::npos);
  CHECK(refused.state->closes == refused.state->opens);
}

TEST_CASE("v4l2: frames not wanted are dropped without converting, and every buffer goes back") {
  Rig rig({pattern(64, 48, 1)}, {});
  REQUIRE(rig.camera->open());
  for (int i = 0; i < 200; ++i) {
    auto arrived = rig.camera->next_frame(std::chrono::milliseconds(100), [] { return nullptr; });
    REQUIRE(arrived);
    REQUIRE(*arrived);  // a camera that kept a buffer would run dry after four
  }
  std::lock_guard lock(rig.state->mutex);
  CHECK(rig.state->dequeued == 200);
  CHECK(rig.state->queued_now == 4);
  CHECK(rig.state->double_queues == 0);
}

TEST_CASE("v4l2: a missing, busy, forbidden or non-capture device says which") {
  for (auto [error, code] : {std::pair{ENOENT, CameraErrc::NotFound}, std::pair{EBUSY, CameraErrc::Busy},
                             std::pair{EACCES, CameraErrc::PermissionDenied}}) {
    FakeVideoBehaviour behaviour;
    behaviour.open_error = error;
    Rig rig({pattern(8, 8, 1)}, behaviour);
    auto refused = rig.camera->open();
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == code);
    CHECK(refused.error().detail.find("/dev/video9") != std::string::npos);
  }
  FakeVideoBehaviour output_only;
  output_only.capture = false;
  Rig rig({pattern(8, 8, 1)}, output_only);
  CHECK(rig.camera->open().error().code == CameraErrc::Unsupported);
}

TEST_CASE("v4l2: a camera unplugged while streaming is gone, and closing releases everything") {
  FakeVideoBehaviour behaviour;
  behaviour.unplug_after = 3;
  Rig rig({pattern(16, 16, 1)}, behaviour, {"/dev/video9", 16, 16, 30, 4});
  REQUIRE(rig.camera->open());
  int frames = 0;
  for (;;) {
    auto arrived = rig.camera->next_frame(std::chrono::milliseconds(50), [] { return nullptr; });
    if (!arrived) {
      CHECK(arrived.error().code == CameraErrc::Gone);
      break;
    }
    frames += *arrived ? 1 : 0;
  }
  CHECK(frames == 3);
  rig.camera->close();
  rig.camera->close();
  std::lock_guard lock(rig.state->mutex);
  CHECK_FALSE(rig.state->streaming);
  CHECK(rig.state->maps == 4);
  CHECK(rig.state->unmaps == 4);
  CHECK(rig.state->closes == 1);
}
