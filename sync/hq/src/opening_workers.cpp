#include "kiosk/hq/opening_workers.hpp"

namespace kiosk::hq {

bool SharedItems::run_next() {
  {
    std::lock_guard lock(mutex_);
    // Claimed under the lock, so that finish() knows how many are still running.
    if (next_.load() >= count_) return false;
    ++running_;
  }
  const std::size_t index = next_.fetch_add(1);
  if (index < count_) {
    try {
      work_(index);
    } catch (...) {
      // No exception leaves a worker thread; the request sees the failure.
      failed_ = true;
    }
  }
  std::lock_guard lock(mutex_);
  --running_;
  if (index < count_) done_[index] = true;
  progress_.notify_all();
  return index < count_;
}

void SharedItems::wait_for(std::size_t index) {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (done_[index]) return;
    }
    if (!run_next()) break;
  }
  std::unique_lock lock(mutex_);
  progress_.wait(lock, [&] { return done_[index]; });
}

void SharedItems::finish() {
  std::unique_lock lock(mutex_);
  next_ = count_;
  progress_.wait(lock, [&] { return running_ == 0; });
}

OpeningWorkers::OpeningWorkers(unsigned threads) {
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

OpeningWorkers::~OpeningWorkers() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void OpeningWorkers::share(std::shared_ptr<SharedItems> items) {
  if (threads_.empty()) return;  // one core: the request's thread does it all
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(items));
  }
  queued_.notify_all();
}

void OpeningWorkers::work() {
  for (;;) {
    std::shared_ptr<SharedItems> items;
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      items = queue_.front();
    }
    if (!items->run_next()) {
      // Every item claimed: the upload no longer needs help.
      std::lock_guard lock(mutex_);
      if (!queue_.empty() && queue_.front() == items) queue_.pop_front();
    }
  }
}

}  // namespace kiosk::hq
