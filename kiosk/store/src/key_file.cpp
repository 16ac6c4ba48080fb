#include "kiosk/store/key_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "kiosk/core/format_text.hpp"
#include "kiosk/text/kiosk_text.hpp"

namespace kiosk::store {
namespace {

namespace fs = std::filesystem;

Bilingual words_for(KeyFileProblem problem) {
  switch (problem) {
    case KeyFileProblem::Missing: return text::key_file::problem::missing;
    case KeyFileProblem::Unreadable: return text::key_file::problem::unreadable;
    case KeyFileProblem::NotAFile: return text::key_file::problem::not_a_file;
    case KeyFileProblem::WrongOwner: return text::key_file::problem::wrong_owner;
    case KeyFileProblem::OpenToOthers: return text::key_file::problem::open_to_others;
    case KeyFileProblem::WrongSize: return text::key_file::problem::wrong_size;
    case KeyFileProblem::NotACertificate: return text::key_file::problem::not_a_certificate;
    case KeyFileProblem::Changed: return text::key_file::problem::changed;
    case KeyFileProblem::Exists: return text::key_file::problem::exists;
    case KeyFileProblem::CannotWrite: return text::key_file::problem::cannot_write;
    case KeyFileProblem::WrongKioskMode: return text::key_file::problem::wrong_kiosk_mode;
  }
  return text::key_file::problem::unusable;
}

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

bool write_all(int fd, std::span<const unsigned char> bytes) {
  const unsigned char* data = bytes.data();
  std::size_t size = bytes.size();
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

fs::path folder_of(const fs::path& file) {
  return file.parent_path().empty() ? fs::path(".") : file.parent_path();
}

void fsync_directory(const fs::path& file) {
  const int dir = ::open(folder_of(file).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

StoreError key_file_error(const fs::path& file, KeyFileProblem problem, const std::string& what_en,
                          const std::string& what_fr) {
  const Bilingual words = words_for(problem);
  std::string en = format_text(text::key_file::file_problem.en, file.c_str(), std::string(words.en).c_str());
  std::string fr = format_text(text::key_file::file_problem.fr, file.c_str(), std::string(words.fr).c_str());
  if (!what_en.empty()) en += " (" + what_en + ")";
  if (!what_fr.empty()) fr += " (" + what_fr + ")";
  return {StoreErrc::KeyFile, std::move(en), std::move(fr)};
}

bool key_file_exists(const fs::path& file) {
  struct stat info {};
  return ::stat(file.c_str(), &info) == 0 || errno != ENOENT;
}

Expected<std::vector<unsigned char>, StoreError> read_key_file(const fs::path& file, std::size_t size,
                                                               std::size_t max_size) {
  Descriptor in{::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (in.fd < 0) {
    const int error = errno;
    if (error == ENOENT) return fail(key_file_error(file, KeyFileProblem::Missing));
    return fail(key_file_error(file, KeyFileProblem::Unreadable, std::strerror(error), std::strerror(error)));
  }
  struct stat info {};
  if (::fstat(in.fd, &info) != 0) {
    return fail(key_file_error(file, KeyFileProblem::Unreadable, std::strerror(errno), std::strerror(errno)));
  }
  if (!S_ISREG(info.st_mode)) return fail(key_file_error(file, KeyFileProblem::NotAFile));
  // Someone else's file, or one others may read or change, is not the kiosk's secret any more:
  // it may have been copied or swapped. Refuse it rather than sign or seal with it.
  if (info.st_uid != ::geteuid()) {
    const std::string owner = std::to_string(info.st_uid);
    const std::string kiosk = std::to_string(::geteuid());
    const BilingualText detail =
        format_text(text::key_file::detail::wrong_owner, owner.c_str(), kiosk.c_str());
    return fail(key_file_error(file, KeyFileProblem::WrongOwner, detail.en, detail.fr));
  }
  if ((info.st_mode & 077) != 0) {
    const std::string mode = "mode " + octal_mode(info.st_mode);
    return fail(key_file_error(file, KeyFileProblem::OpenToOthers, mode, mode));
  }
  const std::size_t limit = size != 0 ? size : max_size;
  std::vector<unsigned char> bytes(limit + 1);
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(in.fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      sodium_memzero(bytes.data(), bytes.size());
      return fail(
          key_file_error(file, KeyFileProblem::Unreadable, std::strerror(error), std::strerror(error)));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if ((size != 0 && got != size) || got > limit || got == 0) {
    sodium_memzero(bytes.data(), bytes.size());
    const std::string sizes = std::to_string(got) + " / " + std::to_string(limit);
    return fail(key_file_error(file, KeyFileProblem::WrongSize, sizes + " bytes", sizes + " octets"));
  }
  bytes.resize(got);
  return bytes;
}

Status<StoreError> write_new_key_file(const fs::path& file, std::span<const unsigned char> bytes) {
  if (key_file_exists(file)) return fail(key_file_error(file, KeyFileProblem::Exists));
  Descriptor out{::open(folder_of(file).c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600)};
  if (out.fd < 0) {
    return fail(
        key_file_error(file, KeyFileProblem::CannotWrite, std::strerror(errno), std::strerror(errno)));
  }
  if (!write_all(out.fd, bytes) || ::fsync(out.fd) != 0) {
    return fail(
        key_file_error(file, KeyFileProblem::CannotWrite, std::strerror(errno), std::strerror(errno)));
  }
  // linkat() refuses an existing name: if another process got there first, its key wins.
  const std::string self = "/proc/self/fd/" + std::to_string(out.fd);
  if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, file.c_str(), AT_SYMLINK_FOLLOW) != 0) {
    if (errno == EEXIST) return fail(key_file_error(file, KeyFileProblem::Exists));
    return fail(
        key_file_error(file, KeyFileProblem::CannotWrite, std::strerror(errno), std::strerror(errno)));
  }
  fsync_directory(file);
  return Ok{};
}

Status<StoreError> replace_key_file(const fs::path& file, std::span<const unsigned char> bytes) {
  fs::path staged = file;
  staged += ".new";
  ::unlink(staged.c_str());  // a leftover from a killed replacement is never the key in use
  {
    Descriptor out{::open(staged.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)};
    if (out.fd < 0 || !write_all(out.fd, bytes) || ::fsync(out.fd) != 0) {
      const int error = errno;
      ::unlink(staged.c_str());
      return fail(
          key_file_error(file, KeyFileProblem::CannotWrite, std::strerror(error), std::strerror(error)));
    }
  }
  if (::rename(staged.c_str(), file.c_str()) != 0) {
    const int error = errno;
    ::unlink(staged.c_str());
    return fail(
        key_file_error(file, KeyFileProblem::CannotWrite, std::strerror(error), std::strerror(error)));
  }
  fsync_directory(file);
  return Ok{};
}

}  // namespace kiosk::store
