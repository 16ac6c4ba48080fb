#pragma once
// The one logger. It is passed to whoever needs it (no global instance). Callers must never pass
// a client's name, birth date or document number: log record ids and error codes instead.

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class LogLevel { Debug, Info, Warning, Error };

std::string_view to_string(LogLevel level);

class Logger {
 public:
  virtual ~Logger() = default;
  virtual void write(LogLevel level, std::string_view component, std::string_view message) = 0;

  void info(std::string_view component, std::string_view message) {
    write(LogLevel::Info, component, message);
  }
  void warn(std::string_view component, std::string_view message) {
    write(LogLevel::Warning, component, message);
  }
  void error(std::string_view component, std::string_view message) {
    write(LogLevel::Error, component, message);
  }
};

// Lines go to stderr, which systemd's journal collects on the kiosk.
class StderrLogger final : public Logger {
 public:
  explicit StderrLogger(LogLevel threshold = LogLevel::Info) : threshold_(threshold) {}
  void write(LogLevel level, std::string_view component, std::string_view message) override;

 private:
  LogLevel threshold_;
  std::mutex mutex_;
};

// Keeps lines in memory: for tests, and for the diagnostics screen's recent-events list.
class MemoryLogger final : public Logger {
 public:
  struct Line {
    LogLevel level;
    std::string component;
    std::string message;
  };
  void write(LogLevel level, std::string_view component, std::string_view message) override;
  std::vector<Line> lines() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Line> lines_;
};

}  // namespace kiosk
