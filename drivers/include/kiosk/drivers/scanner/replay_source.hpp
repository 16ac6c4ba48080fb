#pragma once
// Plays recorded payloads as if a scanner had read them, each after its delay: for demos (a
// kiosk with no scanner) and for tests of everything downstream of a scan.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/expected.hpp"
#include "kiosk/drivers/scanner/threaded_scan_source.hpp"

namespace kiosk::drivers {

struct ReplayItem {
  std::vector<std::uint8_t> payload;
  std::chrono::milliseconds delay{0};  // waited before this item is delivered
};

enum class ReplayErrc { Unreadable, NothingToReplay };

struct ReplayError {
  ReplayErrc code;
  std::string path;
};

// One item per file, in the order given; a directory stands for its regular files sorted by
// name. Every item gets `delay`.
Expected<std::vector<ReplayItem>, ReplayError> load_replay_items(
    const std::vector<std::filesystem::path>& paths, std::chrono::milliseconds delay);

class ReplaySource final : public ThreadedScanSource {
 public:
  // `loop`: start again after the last item, for an unattended demo.
  ReplaySource(std::vector<ReplayItem> items, const Clock& clock, Logger& logger, bool loop = false);
  ~ReplaySource() override;

 private:
  void run(std::stop_token stop) override;

  std::vector<ReplayItem> items_;
  bool loop_;
};

}  // namespace kiosk::drivers
