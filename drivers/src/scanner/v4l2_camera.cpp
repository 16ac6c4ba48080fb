#include "kiosk/drivers/scanner/v4l2_camera.hpp"

#include <linux/videodev2.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <span>

#include "kiosk/drivers/decode/image_file.hpp"

namespace kiosk::drivers {
namespace {

// What the kiosk reads, best first: grey needs no work, packed YUV only skipping bytes, the
// planar ones only their first plane, MJPEG a JPEG decode per frame handed to the decoder.
constexpr std::array<std::uint32_t, 6> kReadable = {V4L2_PIX_FMT_GREY,   V4L2_PIX_FMT_YUYV,
                                                    V4L2_PIX_FMT_UYVY,   V4L2_PIX_FMT_NV12,
                                                    V4L2_PIX_FMT_YUV420, V4L2_PIX_FMT_MJPEG};

bool readable(std::uint32_t fourcc) {
  return std::find(kReadable.begin(), kReadable.end(), fourcc) != kReadable.end();
}

CameraErrc open_error_code(int error) {
  switch (error) {
    case EACCES:
    case EPERM: return CameraErrc::PermissionDenied;
    case EBUSY: return CameraErrc::Busy;
    default: return CameraErrc::NotFound;
  }
}

}  // namespace

std::string fourcc_text(std::uint32_t fourcc) {
  std::string text;
  for (int shift = 0; shift < 32; shift += 8) {
    const char c = static_cast<char>((fourcc >> shift) & 0xFF);
    if (c != ' ' && c != '\0') text += (c >= 0x21 && c <= 0x7E) ? c : '?';
  }
  return text;
}

V4l2Camera::V4l2Camera(V4l2Settings settings, std::unique_ptr<VideoDeviceApi> api)
    : settings_(std::move(settings)), api_(std::move(api)) {}

V4l2Camera::~V4l2Camera() {
  close();
}

CameraError V4l2Camera::failure(CameraErrc code, const std::string& what, int error) const {
  std::string detail = settings_.device + ": " + what;
  if (error != 0) detail += std::string(" (") + std::strerror(error) + ")";
  return CameraError{code, detail};
}

Expected<CameraFormat, CameraError> V4l2Camera::open() {
  close();
  const int fd = api_->open(settings_.device);
  if (fd < 0) return fail(failure(open_error_code(-fd), "cannot open", -fd));
  fd_ = fd;
  auto format = start();
  if (!format) close();
  return format;
}

Expected<CameraFormat, CameraError> V4l2Camera::start() {
  v4l2_capability capability{};
  if (const int r = api_->ioctl(fd_, VIDIOC_QUERYCAP, &capability); r < 0)
    return fail(failure(CameraErrc::Unsupported, "not a V4L2 device", -r));
  const std::uint32_t caps = (capability.capabilities & V4L2_CAP_DEVICE_CAPS) != 0 ? capability.device_caps
                                                                                   : capability.capabilities;
  if ((caps & V4L2_CAP_VIDEO_CAPTURE) == 0 || (caps & V4L2_CAP_STREAMING) == 0)
    return fail(failure(CameraErrc::Unsupported, "not a streaming capture device", 0));

  // The device's formats, then the first of ours it has.
  std::vector<std::uint32_t> offered;
  for (std::uint32_t index = 0; index < 64; ++index) {
    v4l2_fmtdesc description{};
    description.index = index;
    description.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (api_->ioctl(fd_, VIDIOC_ENUM_FMT, &description) < 0) break;
    offered.push_back(description.pixelformat);
  }
  const auto chosen = std::find_if(kReadable.begin(), kReadable.end(), [&](std::uint32_t fourcc) {
    return std::find(offered.begin(), offered.end(), fourcc) != offered.end();
  });
  if (chosen == kReadable.end()) {
    std::string list;
    for (auto fourcc : offered) list += (list.empty() ? "" : ", ") + fourcc_text(fourcc);
    return fail(failure(CameraErrc::Unsupported, "no format the kiosk reads among: " + list, 0));
  }

  v4l2_format format{};
  format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  format.fmt.pix.width = static_cast<std::uint32_t>(settings_.width);
  format.fmt.pix.height = static_cast<std::uint32_t>(settings_.height);
  format.fmt.pix.pixelformat = *chosen;
  format.fmt.pix.field = V4L2_FIELD_NONE;
  if (const int r = api_->ioctl(fd_, VIDIOC_S_FMT, &format); r < 0)
    return fail(failure(CameraErrc::Unsupported, "cannot set the format", -r));
  // The driver answers with what it will really send.
  layout_ = {format.fmt.pix.pixelformat, static_cast<int>(format.fmt.pix.width),
             static_cast<int>(format.fmt.pix.height), format.fmt.pix.bytesperline};
  if (!readable(layout_.fourcc))
    return fail(
        failure(CameraErrc::Unsupported, "the driver chose format " + fourcc_text(layout_.fourcc), 0));
  if (layout_.width <= 0 || layout_.height <= 0 ||
      static_cast<std::int64_t>(layout_.width) * layout_.height > kMaxFramePixels)
    return fail(failure(CameraErrc::Unsupported, "a frame size the decoder does not take", 0));
  const std::size_t packed =
      layout_.fourcc == V4L2_PIX_FMT_YUYV || layout_.fourcc == V4L2_PIX_FMT_UYVY ? 2 : 1;
  layout_.bytes_per_line = std::max(layout_.bytes_per_line, packed * static_cast<std::size_t>(layout_.width));

  double frames_per_second = 0;
  v4l2_streamparm parameters{};
  parameters.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  parameters.parm.capture.timeperframe = {
      1, static_cast<std::uint32_t>(std::max(1, settings_.frames_per_second))};
  // Not every driver lets the rate be set: it then streams at its own.
  if (api_->ioctl(fd_, VIDIOC_S_PARM, &parameters) >= 0 &&
      parameters.parm.capture.timeperframe.numerator != 0) {
    frames_per_second = static_cast<double>(parameters.parm.capture.timeperframe.denominator) /
                        parameters.parm.capture.timeperframe.numerator;
  }

  v4l2_requestbuffers request{};
  request.count = static_cast<std::uint32_t>(std::clamp(settings_.buffers, 2, 32));
  request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  request.memory = V4L2_MEMORY_MMAP;
  if (const int r = api_->ioctl(fd_, VIDIOC_REQBUFS, &request); r < 0 || request.count < 2)
    return fail(failure(CameraErrc::Unsupported, "no memory-mapped buffers", r < 0 ? -r : 0));
  for (std::uint32_t index = 0; index < request.count; ++index) {
    v4l2_buffer buffer{};
    buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buffer.memory = V4L2_MEMORY_MMAP;
    buffer.index = index;
    if (const int r = api_->ioctl(fd_, VIDIOC_QUERYBUF, &buffer); r < 0)
      return fail(failure(CameraErrc::Unsupported, "cannot query a buffer", -r));
    void* address = api_->map(fd_, buffer.length, buffer.m.offset);
    if (address == nullptr) return fail(failure(CameraErrc::Unsupported, "cannot map a buffer", 0));
    buffers_.push_back({address, buffer.length});
    if (const int r = api_->ioctl(fd_, VIDIOC_QBUF, &buffer); r < 0)
      return fail(failure(CameraErrc::Unsupported, "cannot queue a buffer", -r));
  }
  int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  if (const int r = api_->ioctl(fd_, VIDIOC_STREAMON, &type); r < 0)
    return fail(
        failure(r == -EBUSY ? CameraErrc::Busy : CameraErrc::Unsupported, "cannot start streaming", -r));
  streaming_ = true;
  return CameraFormat{layout_.width, layout_.height, fourcc_text(layout_.fourcc), frames_per_second};
}

Expected<bool, CameraError> V4l2Camera::next_frame(std::chrono::milliseconds timeout,
                                                   const Destination& destination) {
  if (!streaming_) return fail(failure(CameraErrc::Gone, "not streaming", 0));
  const int ready = api_->wait_readable(fd_, timeout);
  if (ready < 0) return fail(failure(CameraErrc::Gone, "stopped delivering frames", -ready));
  if (ready == 0) return false;
  v4l2_buffer buffer{};
  buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  buffer.memory = V4L2_MEMORY_MMAP;
  if (const int r = api_->ioctl(fd_, VIDIOC_DQBUF, &buffer); r < 0) {
    if (r == -EAGAIN) return false;
    return fail(failure(CameraErrc::Gone, "stopped delivering frames", -r));
  }
  bool delivered = buffer.index < buffers_.size() && (buffer.flags & V4L2_BUF_FLAG_ERROR) == 0;
  GrayImage* into = delivered ? destination() : nullptr;
  if (into != nullptr) {
    const Buffer& mapped = buffers_[buffer.index];
    delivered = convert(static_cast<const std::uint8_t*>(mapped.address),
                        std::min<std::size_t>(buffer.bytesused, mapped.length), *into);
  }
  // The buffer goes straight back: the driver always has somewhere to put the next frame.
  if (const int r = api_->ioctl(fd_, VIDIOC_QBUF, &buffer); r < 0)
    return fail(failure(CameraErrc::Gone, "cannot queue a buffer again", -r));
  return delivered;
}

bool V4l2Camera::convert(const std::uint8_t* bytes, std::size_t used, GrayImage& into) const {
  const int width = layout_.width;
  const int height = layout_.height;
  const std::size_t stride = layout_.bytes_per_line;
  if (layout_.fourcc == V4L2_PIX_FMT_MJPEG) {
    auto decoded = decode_gray_image(std::span<const std::uint8_t>(bytes, used), "camera frame");
    if (!decoded) return false;
    into = std::move(decoded).value();
    return true;
  }
  // Every other format starts with the Y samples, `stride` bytes a row.
  if (used < stride * static_cast<std::size_t>(height - 1) + stride) return false;
  if (into.width() != width || into.height() != height) into = GrayImage(width, height);
  const std::size_t step = layout_.fourcc == V4L2_PIX_FMT_YUYV || layout_.fourcc == V4L2_PIX_FMT_UYVY ? 2 : 1;
  const std::size_t first = layout_.fourcc == V4L2_PIX_FMT_UYVY ? 1 : 0;
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* row = bytes + static_cast<std::size_t>(y) * stride + first;
    std::uint8_t* target = into.row(y);
    if (step == 1) {
      std::memcpy(target, row, static_cast<std::size_t>(width));
    } else {
      for (int x = 0; x < width; ++x) target[x] = row[static_cast<std::size_t>(x) * step];
    }
  }
  return true;
}

void V4l2Camera::close() noexcept {
  if (fd_ < 0) return;
  if (streaming_) {
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    api_->ioctl(fd_, VIDIOC_STREAMOFF, &type);
    streaming_ = false;
  }
  for (const Buffer& buffer : buffers_) api_->unmap(buffer.address, buffer.length);
  buffers_.clear();
  api_->close(fd_);
  fd_ = -1;
}

}  // namespace kiosk::drivers
