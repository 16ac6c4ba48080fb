#pragma once
// Head office's key files: written whole or not at all (a temporary file, fsynced, then given its
// name), mode 0600, and refused on reading when anyone but the owner could read them.

#include <filesystem>
#include <span>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/hq/hq_error.hpp"

namespace kiosk::hq {

enum class FileAccess { OwnerOnly, Public };  // 0600 or 0644
enum class IfExists { Refuse, Replace };

Status<HqError> write_file_atomically(const std::filesystem::path& file, std::span<const unsigned char> bytes,
                                      FileAccess access, IfExists if_exists);

// Refuses a file that group or others may read or write.
Expected<std::vector<unsigned char>, HqError> read_secret_file(const std::filesystem::path& file);

}  // namespace kiosk::hq
