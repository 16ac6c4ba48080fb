#pragma once
// Opening an envelope and reading its payload is about half of ingest's cost (~30 us a record on
// one core: the AEAD, hashes and JSON) and each record's is independent. A few worker threads share that work
// of large uploads with the request's own thread, which meanwhile stores the records already opened: one
// kiosk's backlog then uses every core, and storing overlaps with opening.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace kiosk::hq {

// One upload's items: claimed one at a time by whoever is free, each run exactly once.
class SharedItems {
 public:
  SharedItems(std::size_t count, std::function<void(std::size_t)> work)
      : count_(count), work_(std::move(work)), done_(count, false) {}

  // Claims and runs the next unclaimed item; false when none is left.
  bool run_next();
  // Returns once item `index` is done, running others meanwhile.
  void wait_for(std::size_t index);
  // Stops further claims and waits for the items already running: after it, `work` is never
  // called again and nothing it wrote is still being written.
  void finish();
  // An item's work threw (out of memory): its result is missing.
  bool failed() const { return failed_; }

 private:
  const std::size_t count_;
  std::function<void(std::size_t)> work_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> failed_{false};
  std::mutex mutex_;
  std::condition_variable progress_;
  std::vector<bool> done_;   // guarded by mutex_
  std::size_t running_ = 0;  // guarded by mutex_
};

class OpeningWorkers {
 public:
  explicit OpeningWorkers(unsigned threads);
  ~OpeningWorkers();
  OpeningWorkers(const OpeningWorkers&) = delete;
  OpeningWorkers& operator=(const OpeningWorkers&) = delete;

  // The workers help with these items until every one is claimed.
  void share(std::shared_ptr<SharedItems> items);

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<std::shared_ptr<SharedItems>> queue_;  // guarded by mutex_
  bool stopping_ = false;                           // guarded by mutex_
  std::vector<std::thread> threads_;
};

}  // namespace kiosk::hq
