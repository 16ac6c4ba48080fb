#include "kiosk/drivers/scanner/keyboard_wedge_source.hpp"

#include "kiosk/core/sensitive.hpp"

namespace kiosk::drivers {

KeyboardWedgeSource::KeyboardWedgeSource(const Clock& clock, Logger& logger, WedgeTiming timing)
    : ThreadedScanSource(ScanSourceKind::KeyboardWedge, clock, logger), decoder_(timing) {}

KeyboardWedgeSource::~KeyboardWedgeSource() {
  stop();
  for (auto& key : inbox_) wipe(key.text);
}

void KeyboardWedgeSource::feed(std::span<const WedgeKey> keys) {
  if (keys.empty()) return;
  {
    std::lock_guard lock(mutex_);
    inbox_.insert(inbox_.end(), keys.begin(), keys.end());
  }
  arrived_.notify_one();
}

void KeyboardWedgeSource::interrupt() {
  { std::lock_guard lock(mutex_); }
  arrived_.notify_all();
}

void KeyboardWedgeSource::run(std::stop_token stop) {
  set_status(SourceState::Listening);
  std::vector<WedgeKey> batch;
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(mutex_);
      const auto has_keys = [this] { return !inbox_.empty(); };
      if (auto deadline = decoder_.deadline()) {
        arrived_.wait_until(lock, stop, *deadline, has_keys);
      } else {
        arrived_.wait(lock, stop, has_keys);
      }
      batch.swap(inbox_);
    }
    for (auto& key : batch) {
      if (auto scan = decoder_.feed(key)) deliver(std::move(*scan));
      wipe(key.text);
    }
    batch.clear();
    if (auto scan = decoder_.poll(std::chrono::steady_clock::now())) deliver(std::move(*scan));
  }
}

}  // namespace kiosk::drivers
