#pragma once
// A V4L2 capture driver in memory, standing in for the kernel behind VideoDeviceApi: it offers
// the formats it is told to, answers S_FMT with the nearest size it has, keeps a queue of
// memory-mapped buffers and fills a queued one with the next frame, in the negotiated format,
// each time one is dequeued. It refuses what a driver refuses (a buffer queued twice, a dequeue
// with nothing queued), so a camera that forgets to give a buffer back runs dry here as it would
// on a real device. It can fail to open, lack capture, or be unplugged after some frames.

#include <linux/videodev2.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kiosk/drivers/decode/gray_image.hpp"
#include "kiosk/drivers/scanner/v4l2_camera.hpp"

namespace kiosk::testing {

struct FakeVideoBehaviour {
  std::vector<std::uint32_t> formats = {V4L2_PIX_FMT_YUYV};
  int max_width = 1920;
  int max_height = 1080;
  std::size_t row_padding = 0;  // bytes after each row: bytesperline > width
  int open_error = 0;           // an errno open fails with
  bool capture = true;          // advertises video capture
  std::size_t unplug_after = SIZE_MAX;
  bool loop = true;  // after the last frame, start again; otherwise no more frames come
};

// What the fake saw, for the tests to check after the camera took ownership of the device.
struct FakeVideoState {
  std::mutex mutex;
  int opens = 0;
  int closes = 0;
  int maps = 0;
  int unmaps = 0;
  bool streaming = false;
  std::size_t dequeued = 0;
  std::size_t queued_now = 0;
  std::size_t double_queues = 0;
  v4l2_pix_format format{};
};

class FakeVideoDevice final : public drivers::VideoDeviceApi {
 public:
  FakeVideoDevice(std::vector<drivers::GrayImage> frames, FakeVideoBehaviour behaviour,
                  std::shared_ptr<FakeVideoState> state)
      : frames_(std::move(frames)), behaviour_(std::move(behaviour)), state_(std::move(state)) {}

  int open(const std::string&) override {
    std::lock_guard lock(state_->mutex);
    if (behaviour_.open_error != 0) return -behaviour_.open_error;
    ++state_->opens;
    return 7;
  }
  int close(int) override {
    std::lock_guard lock(state_->mutex);
    ++state_->closes;
    return 0;
  }
  void* map(int, std::size_t length, std::int64_t offset) override {
    std::lock_guard lock(state_->mutex);
    const auto index = static_cast<std::size_t>(offset / kPage);
    if (index >= buffers_.size() || length > buffers_[index].data.size()) return nullptr;
    ++state_->maps;
    return buffers_[index].data.data();
  }
  void unmap(void*, std::size_t) override {
    std::lock_guard lock(state_->mutex);
    ++state_->unmaps;
  }
  int wait_readable(int, std::chrono::milliseconds timeout) override {
    {
      std::lock_guard lock(state_->mutex);
      if (state_->dequeued >= behaviour_.unplug_after) return -ENODEV;
      if (state_->streaming && state_->queued_now > 0 && frame_available()) return 1;
    }
    std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(1)));
    return 0;
  }

  int ioctl(int, unsigned long request, void* argument) override {
    std::lock_guard lock(state_->mutex);
    switch (request) {
      case VIDIOC_QUERYCAP: {
        auto* capability = static_cast<v4l2_capability*>(argument);
        const std::uint32_t caps =
            (behaviour_.capture ? V4L2_CAP_VIDEO_CAPTURE : V4L2_CAP_VIDEO_OUTPUT) | V4L2_CAP_STREAMING;
        capability->capabilities = caps | V4L2_CAP_DEVICE_CAPS;
        capability->device_caps = caps;
        return 0;
      }
      case VIDIOC_ENUM_FMT: {
        auto* description = static_cast<v4l2_fmtdesc*>(argument);
        if (description->index >= behaviour_.formats.size()) return -EINVAL;
        description->pixelformat = behaviour_.formats[description->index];
        return 0;
      }
      case VIDIOC_S_FMT: return set_format(static_cast<v4l2_format*>(argument)->fmt.pix);
      case VIDIOC_S_PARM: {
        auto& time = static_cast<v4l2_streamparm*>(argument)->parm.capture.timeperframe;
        time = {1,
                std::min<std::uint32_t>(time.denominator / std::max<std::uint32_t>(time.numerator, 1), 30)};
        return 0;
      }
      case VIDIOC_REQBUFS: {
        auto* request_buffers = static_cast<v4l2_requestbuffers*>(argument);
        request_buffers->count = std::min<std::uint32_t>(request_buffers->count, 8);
        buffers_.assign(request_buffers->count, Buffer{});
        for (auto& buffer : buffers_) buffer.data.resize(state_->format.sizeimage);
        return 0;
      }
      case VIDIOC_QUERYBUF: {
        auto* buffer = static_cast<v4l2_buffer*>(argument);
        if (buffer->index >= buffers_.size()) return -EINVAL;
        buffer->length = static_cast<std::uint32_t>(buffers_[buffer->index].data.size());
        buffer->m.offset = static_cast<std::uint32_t>(buffer->index * kPage);
        return 0;
      }
      case VIDIOC_QBUF: {
        auto* buffer = static_cast<v4l2_buffer*>(argument);
        if (buffer->index >= buffers_.size()) return -EINVAL;
        if (buffers_[buffer->index].queued) {
          ++state_->double_queues;
          return -EINVAL;
        }
        buffers_[buffer->index].queued = true;
        queue_.push_back(buffer->index);
        state_->queued_now = queue_.size();
        return 0;
      }
      case VIDIOC_DQBUF: return dequeue(static_cast<v4l2_buffer*>(argument));
      case VIDIOC_STREAMON: state_->streaming = true; return 0;
      case VIDIOC_STREAMOFF:
        state_->streaming = false;
        for (auto& buffer : buffers_) buffer.queued = false;
        queue_.clear();
        state_->queued_now = 0;
        return 0;
      default: return -ENOTTY;
    }
  }

 private:
  static constexpr std::int64_t kPage = 4096;
  struct Buffer {
    std::vector<std::uint8_t> data;
    bool queued = false;
  };

  bool frame_available() const { return behaviour_.loop || state_->dequeued < frames_.size(); }

  int set_format(v4l2_pix_format& pix) {
    const auto offered = std::find(behaviour_.formats.begin(), behaviour_.formats.end(), pix.pixelformat);
    pix.pixelformat = offered != behaviour_.formats.end() ? pix.pixelformat : behaviour_.formats.front();
    pix.width = std::min<std::uint32_t>(pix.width, static_cast<std::uint32_t>(behaviour_.max_width));
    pix.height = std::min<std::uint32_t>(pix.height, static_cast<std::uint32_t>(behaviour_.max_height));
    pix.field = V4L2_FIELD_NONE;
    const bool packed = pix.pixelformat == V4L2_PIX_FMT_YUYV || pix.pixelformat == V4L2_PIX_FMT_UYVY;
    pix.bytesperline = static_cast<std::uint32_t>((packed ? 2 : 1) * pix.width + behaviour_.row_padding);
    const bool planar = pix.pixelformat == V4L2_PIX_FMT_NV12 || pix.pixelformat == V4L2_PIX_FMT_YUV420;
    pix.sizeimage = planar ? pix.bytesperline * pix.height * 3 / 2 : pix.bytesperline * pix.height;
    if (pix.pixelformat == V4L2_PIX_FMT_MJPEG) pix.sizeimage = 2 * pix.width * pix.height + 4096;
    state_->format = pix;
    return 0;
  }

  int dequeue(v4l2_buffer* out) {
    if (!state_->streaming) return -EINVAL;
    if (state_->dequeued >= behaviour_.unplug_after) return -ENODEV;
    if (queue_.empty() || !frame_available()) return -EAGAIN;
    const std::uint32_t index = queue_.front();
    queue_.pop_front();
    state_->queued_now = queue_.size();
    Buffer& buffer = buffers_[index];
    buffer.queued = false;
    const auto& frame = frames_[state_->dequeued % frames_.size()];
    ++state_->dequeued;
    out->index = index;
    out->bytesused = static_cast<std::uint32_t>(render(frame, buffer.data));
    out->flags = 0;
    return 0;
  }

  // The frame (scaled to the negotiated size by nearest pixel) written as the format has it.
  std::size_t render(const drivers::GrayImage& frame, std::vector<std::uint8_t>& data) const {
    const auto& pix = state_->format;
    const int width = static_cast<int>(pix.width);
    const int height = static_cast<int>(pix.height);
    const auto level = [&](int x, int y) {
      return frame.at(x * frame.width() / width, y * frame.height() / height);
    };
    if (pix.pixelformat == V4L2_PIX_FMT_MJPEG) {
      std::vector<std::uint8_t> grey;
      for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) grey.push_back(level(x, y));
      std::vector<std::uint8_t> jpeg;
      stbi_write_jpg_to_func(
          [](void* context, void* bytes, int size) {
            auto* sink = static_cast<std::vector<std::uint8_t>*>(context);
            sink->insert(sink->end(), static_cast<std::uint8_t*>(bytes),
                         static_cast<std::uint8_t*>(bytes) + size);
          },
          &jpeg, width, height, 1, grey.data(), 95);
      std::copy(jpeg.begin(), jpeg.begin() + static_cast<std::ptrdiff_t>(std::min(jpeg.size(), data.size())),
                data.begin());
      return std::min(jpeg.size(), data.size());
    }
    std::fill(data.begin(), data.end(), std::uint8_t{128});  // chroma: no colour
    const bool packed = pix.pixelformat == V4L2_PIX_FMT_YUYV || pix.pixelformat == V4L2_PIX_FMT_UYVY;
    const std::size_t step = packed ? 2 : 1;
    const std::size_t first = pix.pixelformat == V4L2_PIX_FMT_UYVY ? 1 : 0;
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x)
        data[y * pix.bytesperline + first + step * static_cast<std::size_t>(x)] = level(x, y);
    }
    return pix.sizeimage;
  }

  std::vector<drivers::GrayImage> frames_;
  FakeVideoBehaviour behaviour_;
  std::shared_ptr<FakeVideoState> state_;
  std::vector<Buffer> buffers_;
  std::deque<std::uint32_t> queue_;
};

}  // namespace kiosk::testing
