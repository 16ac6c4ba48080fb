// The queue between scanner threads and the UI loop: bounded, wakes its consumer, closes.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "kiosk/drivers/scanner/scan_queue.hpp"
#include "scanner_fixtures.hpp"

using namespace kiosk::drivers;
using namespace scanner_test;
using namespace std::chrono_literals;

namespace {
Scan scan_of(std::string_view text) {
  return Scan(bytes(text), ScanSourceKind::Replay, std::chrono::steady_clock::now());
}
}  // namespace

TEST_CASE("scans come out in the order they went in") {
  ScanQueue queue(4);
  CHECK(queue.push(scan_of("one")) == ScanQueue::Pushed::Queued);
  CHECK(queue.push(scan_of("two")) == ScanQueue::Pushed::Queued);
  CHECK(queue.size() == 2);
  CHECK(queue.try_pop()->text() == "one");
  CHECK(queue.try_pop()->text() == "two");
  CHECK_FALSE(queue.try_pop().has_value());
}

TEST_CASE("a full queue drops its oldest scan and counts it") {
  ScanQueue queue(2);
  queue.push(scan_of("a"));
  queue.push(scan_of("b"));
  CHECK(queue.push(scan_of("c")) == ScanQueue::Pushed::DroppedOldest);
  CHECK(queue.dropped() == 1);
  CHECK(queue.size() == 2);
  CHECK(queue.try_pop()->text() == "b");
  CHECK(queue.try_pop()->text() == "c");
}

TEST_CASE("pop waits for a scan pushed from another thread, and times out when none comes") {
  ScanQueue queue;
  CHECK_FALSE(queue.pop(20ms).has_value());
  std::thread producer([&] {
    std::this_thread::sleep_for(30ms);
    queue.push(scan_of("late"));
  });
  auto scan = queue.pop(10s);
  producer.join();
  REQUIRE(scan.has_value());
  CHECK(scan->text() == "late");
}

TEST_CASE("every push calls the wake callback, on the pushing thread") {
  ScanQueue queue;
  std::atomic<int> wakes{0};
  std::thread::id woken_on;
  queue.set_wake_callback([&] {
    woken_on = std::this_thread::get_id();
    ++wakes;
  });
  std::thread producer([&] { queue.push(scan_of("x")); });
  const auto producer_id = producer.get_id();
  producer.join();
  CHECK(wakes == 1);
  CHECK(woken_on == producer_id);
  queue.set_wake_callback({});
  queue.push(scan_of("y"));
  CHECK(wakes == 1);
}

TEST_CASE("closing wakes a waiting pop and refuses further scans") {
  ScanQueue queue;
  queue.push(scan_of("kept"));
  std::thread closer([&] {
    std::this_thread::sleep_for(20ms);
    queue.close();
  });
  CHECK(queue.pop(10s)->text() == "kept");  // what was queued is still delivered
  const auto before = std::chrono::steady_clock::now();
  CHECK_FALSE(queue.pop(10s).has_value());
  CHECK(std::chrono::steady_clock::now() - before < 5s);  // woken by close, not by the timeout
  closer.join();
  CHECK(queue.push(scan_of("late")) == ScanQueue::Pushed::Closed);
}

TEST_CASE("a moved-from scan is empty and a scan cannot be copied") {
  Scan a = scan_of("secret");
  Scan b = std::move(a);
  CHECK(a.payload.empty());
  CHECK(b.text() == "secret");
  STATIC_REQUIRE_FALSE(std::is_copy_constructible_v<Scan>);
  CHECK(to_string(ScanSourceKind::UsbHidPos) == "usb-hid-pos");
  CHECK(to_string(ScanSourceKind::KeyboardWedge) == "keyboard-wedge");
}
