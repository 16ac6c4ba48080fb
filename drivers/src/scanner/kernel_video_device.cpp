// VideoDeviceApi over the real system calls. Kept apart so that V4l2Camera's logic is all that
// the fake driver in the tests stands in front of.
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

#include "kiosk/drivers/scanner/v4l2_camera.hpp"

namespace kiosk::drivers {
namespace {

class KernelVideoDevice final : public VideoDeviceApi {
 public:
  int open(const std::string& path) override {
    const int fd = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    return fd < 0 ? -errno : fd;
  }
  int close(int fd) override { return ::close(fd) < 0 ? -errno : 0; }
  int ioctl(int fd, unsigned long request, void* argument) override {
    int result = 0;
    do {
      result = ::ioctl(fd, request, argument);
    } while (result < 0 && errno == EINTR);
    return result < 0 ? -errno : result;
  }
  void* map(int fd, std::size_t length, std::int64_t offset) override {
    void* address =
        ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, static_cast<off_t>(offset));
    return address == MAP_FAILED ? nullptr : address;
  }
  void unmap(void* address, std::size_t length) override { ::munmap(address, length); }
  int wait_readable(int fd, std::chrono::milliseconds timeout) override {
    pollfd entry{fd, POLLIN, 0};
    const int result = ::poll(&entry, 1, static_cast<int>(timeout.count()));
    if (result < 0) return errno == EINTR ? 0 : -errno;
    if (result > 0 && (entry.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0) return -ENODEV;
    return result;
  }
};

}  // namespace

std::unique_ptr<VideoDeviceApi> kernel_video_device_api() {
  return std::make_unique<KernelVideoDevice>();
}

}  // namespace kiosk::drivers
