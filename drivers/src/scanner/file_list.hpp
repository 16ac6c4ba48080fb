#pragma once
// The files a list of paths stands for: a file is itself, a directory its regular files sorted
// by name. Shared by the replay and image-file sources. Private to drivers.

#include <filesystem>
#include <optional>
#include <vector>

namespace kiosk::drivers {

// Empty (no value) when a directory cannot be listed; `unlisted` then names it.
std::optional<std::vector<std::filesystem::path>> expand_paths(
    const std::vector<std::filesystem::path>& paths, std::filesystem::path& unlisted);

}  // namespace kiosk::drivers
