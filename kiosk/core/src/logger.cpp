#include "kiosk/core/logger.hpp"

#include <cstdio>

namespace kiosk {

std::string_view to_string(LogLevel level) {
  switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
  }
  return "unknown";
}

void StderrLogger::write(LogLevel level, std::string_view component, std::string_view message) {
  if (level < threshold_) return;
  std::lock_guard lock(mutex_);
  std::fprintf(stderr, "[%.*s] %.*s: %.*s\n", static_cast<int>(to_string(level).size()),
               to_string(level).data(), static_cast<int>(component.size()), component.data(),
               static_cast<int>(message.size()), message.data());
}

void MemoryLogger::write(LogLevel level, std::string_view component, std::string_view message) {
  std::lock_guard lock(mutex_);
  lines_.push_back({level, std::string(component), std::string(message)});
}

std::vector<MemoryLogger::Line> MemoryLogger::lines() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

}  // namespace kiosk
