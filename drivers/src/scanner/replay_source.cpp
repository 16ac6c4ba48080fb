#include "kiosk/drivers/scanner/replay_source.hpp"

#include <fstream>
#include <iterator>

#include "file_list.hpp"
#include "kiosk/core/sensitive.hpp"

namespace kiosk::drivers {
namespace {

Expected<std::vector<std::uint8_t>, ReplayError> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ReplayError{ReplayErrc::Unreadable, file.string()});
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return fail(ReplayError{ReplayErrc::Unreadable, file.string()});
  return bytes;
}

}  // namespace

Expected<std::vector<ReplayItem>, ReplayError> load_replay_items(
    const std::vector<std::filesystem::path>& paths, std::chrono::milliseconds delay) {
  std::filesystem::path unlisted;
  const auto files = expand_paths(paths, unlisted);
  if (!files) return fail(ReplayError{ReplayErrc::Unreadable, unlisted.string()});
  std::vector<ReplayItem> items;
  for (const auto& file : *files) {
    auto bytes = read_file(file);
    if (!bytes) return fail(std::move(bytes).error());
    items.push_back({std::move(bytes).value(), delay});
  }
  if (items.empty()) {
    return fail(
        ReplayError{ReplayErrc::NothingToReplay, paths.empty() ? std::string() : paths.front().string()});
  }
  return items;
}

ReplaySource::ReplaySource(std::vector<ReplayItem> items, const Clock& clock, Logger& logger, bool loop)
    : ThreadedScanSource(ScanSourceKind::Replay, clock, logger), items_(std::move(items)), loop_(loop) {}

ReplaySource::~ReplaySource() {
  stop();
  for (auto& item : items_) wipe(item.payload);
}

void ReplaySource::run(std::stop_token stop) {
  // Details stay language-neutral: the state's own words are what gets translated.
  const std::string count = std::to_string(items_.size());
  set_status(SourceState::Replaying, count);
  std::chrono::milliseconds round{0};
  for (const auto& item : items_) round += item.delay;
  do {
    for (const auto& item : items_) {
      if (!sleep_for(stop, item.delay)) return;
      deliver(item.payload);
    }
    // A looping replay with no delays would flood the queue.
    if (loop_ && round.count() == 0 && !sleep_for(stop, std::chrono::seconds(1))) return;
  } while (loop_ && !items_.empty() && !stop.stop_requested());
  set_status(SourceState::Finished, count);
}

}  // namespace kiosk::drivers
