#include "kiosk/hq/secret_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk::hq {
namespace {

namespace fs = std::filesystem;

HqError file_error(const fs::path& file, const std::string& what) {
  return {HqErrc::KeyFile, file.string() + ": " + what};
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

bool write_all(int fd, const unsigned char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

}  // namespace

Status<HqError> write_file_atomically(const fs::path& file, std::span<const unsigned char> bytes,
                                      FileAccess access, IfExists if_exists) {
  const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  std::string temporary = (folder / ("." + file.filename().string() + ".XXXXXX")).string();
  FileDescriptor fd(::mkstemp(temporary.data()));
  if (fd.get() < 0) return fail(file_error(file, std::string("cannot create: ") + std::strerror(errno)));
  const mode_t mode = access == FileAccess::OwnerOnly ? 0600 : 0644;
  const bool written = ::fchmod(fd.get(), mode) == 0 && write_all(fd.get(), bytes.data(), bytes.size()) &&
                       ::fsync(fd.get()) == 0;
  if (!written) {
    const std::string reason = std::strerror(errno);
    ::unlink(temporary.c_str());
    return fail(file_error(file, "cannot write: " + reason));
  }
  // link() never replaces: a second writer, or a file already there, wins and this one fails.
  const int placed = if_exists == IfExists::Replace ? ::rename(temporary.c_str(), file.c_str())
                                                    : ::link(temporary.c_str(), file.c_str());
  const int placed_errno = errno;
  if (if_exists == IfExists::Refuse || placed != 0) ::unlink(temporary.c_str());
  if (placed != 0) {
    if (placed_errno == EEXIST)
      return fail(HqError{HqErrc::AlreadyExists, file.string() + ": already exists"});
    return fail(file_error(file, std::string("cannot place: ") + std::strerror(placed_errno)));
  }
  FileDescriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() >= 0) ::fsync(directory.get());
  return Ok{};
}

Expected<std::vector<unsigned char>, HqError> read_secret_file(const fs::path& file) {
  FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return fail(file_error(file, std::strerror(errno)));
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return fail(file_error(file, std::strerror(errno)));
  if ((info.st_mode & 077) != 0) {
    return fail(file_error(file, "readable or writable by others than its owner (chmod 600 it)"));
  }
  std::vector<unsigned char> bytes(static_cast<std::size_t>(info.st_size));
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd.get(), bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(file_error(file, "cannot read"));
    got += static_cast<std::size_t>(n);
  }
  return bytes;
}

}  // namespace kiosk::hq
