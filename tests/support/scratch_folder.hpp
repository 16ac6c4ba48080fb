#pragma once
// A folder of its own under the system's temporary directory, removed with everything in it when
// the test ends. One per process: ctest runs each test case in a process of its own.

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace kiosk::testing {

class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& purpose)
      : path_(std::filesystem::temp_directory_path() / ("kiosk-" + purpose + "-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  std::filesystem::path file(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace kiosk::testing
