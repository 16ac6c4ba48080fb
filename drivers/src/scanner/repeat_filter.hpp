#pragma once
// Which payloads read from a stream of pictures are new scans. A camera sees the same card in
// frame after frame: a payload equal to the one delivered last is not delivered again until it
// has been out of sight for the repeat window. With confirmations above one, a payload is
// delivered only once that many reads in a row agree on it; a zero window delivers every read: a decoder's
// error correction can, rarely, turn a badly sampled symbol into wrong bytes, and two different frames do not
// make the same mistake. Payloads are a client's identity: wiped when dropped.

#include <chrono>
#include <cstdint>
#include <vector>

namespace kiosk::drivers {

class RepeatFilter {
 public:
  using Payload = std::vector<std::uint8_t>;

  RepeatFilter(std::chrono::milliseconds repeat_window, int confirmations);
  ~RepeatFilter();
  RepeatFilter(const RepeatFilter&) = delete;
  RepeatFilter& operator=(const RepeatFilter&) = delete;

  // A payload read at `now`: true when it is to be delivered as a scan.
  bool admit(const Payload& payload, std::chrono::steady_clock::time_point now);

 private:
  std::chrono::milliseconds repeat_window_;
  int confirmations_;
  Payload delivered_;
  std::chrono::steady_clock::time_point delivered_seen_{};
  Payload candidate_;
  int candidate_reads_ = 0;
};

}  // namespace kiosk::drivers
