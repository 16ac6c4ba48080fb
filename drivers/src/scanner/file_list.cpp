#include "file_list.hpp"

#include <algorithm>

namespace kiosk::drivers {

std::optional<std::vector<std::filesystem::path>> expand_paths(
    const std::vector<std::filesystem::path>& paths, std::filesystem::path& unlisted) {
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::filesystem::path> inside;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
      if (entry.is_regular_file()) inside.push_back(entry.path());
    }
    if (ec) {
      unlisted = path;
      return std::nullopt;
    }
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

}  // namespace kiosk::drivers
