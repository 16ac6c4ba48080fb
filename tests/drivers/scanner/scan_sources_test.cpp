// The sources that need no hardware: replay, pictures (camera / image files), keyboard wedge.
// Each runs its own thread and delivers through a ScanQueue.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "kiosk/drivers/scanner/frame_scan_source.hpp"
#include "kiosk/drivers/scanner/keyboard_wedge_source.hpp"
#include "kiosk/drivers/scanner/replay_source.hpp"
#include "scanner_fixtures.hpp"
#include "scratch_dir.hpp"

using namespace kiosk;
using namespace kiosk::drivers;
using namespace scanner_test;
using namespace std::chrono_literals;

namespace {

void write_file(const std::filesystem::path& file, std::string_view content) {
  std::ofstream(file, std::ios::binary) << content;
}

// A stand-in for the decoding API's image type: which picture it is.
struct Picture {
  int number;
};

}  // namespace

TEST_CASE("a replay delivers each payload in order, then says it has finished") {
  SystemClock clock;
  MemoryLogger logger;
  ScanQueue queue;
  std::vector<ReplayItem> items = {{bytes("first"), 0ms}, {bytes("second"), 20ms}, {bytes("third"), 0ms}};
  ReplaySource replay(std::move(items), clock, logger);
  CHECK(replay.kind() == ScanSourceKind::Replay);
  CHECK(replay.status().state == SourceState::Stopped);
  replay.start(queue);
  for (const char* expected : {"first", "second", "third"}) {
    auto scan = queue.pop(10s);
    REQUIRE(scan.has_value());
    CHECK(scan->text() == expected);
    CHECK(scan->source == ScanSourceKind::Replay);
  }
  REQUIRE(wait_for([&] { return replay.status().state == SourceState::Finished; }));
  CHECK(replay.status().text(Language::English) == "finished — all items delivered: 3");
  CHECK(replay.status().text(Language::French) == "terminé — tout a été remis\u00a0: 3");
  replay.stop();
  CHECK(replay.status().state == SourceState::Stopped);
}

TEST_CASE("stopping a replay interrupts its wait at once") {
  SystemClock clock;
  MemoryLogger logger;
  ScanQueue queue;
  ReplaySource replay({{bytes("never"), 1h}}, clock, logger);
  replay.start(queue);
  REQUIRE(wait_for([&] { return replay.status().state == SourceState::Replaying; }));
  const auto before = std::chrono::steady_clock::now();
  replay.stop();
  CHECK(std::chrono::steady_clock::now() - before < 5s);
  CHECK(queue.size() == 0);
}

TEST_CASE("replay items load from files and from a directory in name order") {
  ScratchDir dir("kiosk-replay");
  write_file(dir / "b.txt", "second");
  write_file(dir / "a.txt", "first");
  auto from_dir = load_replay_items({dir.path()}, 5ms);
  REQUIRE(from_dir.has_value());
  REQUIRE(from_dir->size() == 2);
  CHECK((*from_dir)[0].payload == bytes("first"));
  CHECK((*from_dir)[1].payload == bytes("second"));
  CHECK((*from_dir)[1].delay == 5ms);

  auto missing = load_replay_items({dir / "nope"}, 0ms);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == ReplayErrc::Unreadable);
  std::filesystem::create_directories(dir / "empty");
  auto empty = load_replay_items({dir / "empty"}, 0ms);
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().code == ReplayErrc::NothingToReplay);
}

TEST_CASE("a camera delivers a card once while it stays in view, and again after it left") {
  SystemClock clock;
  MemoryLogger logger;
  ScanQueue queue;
  // Pictures 0-4 show card A, 5-7 nothing, 8 card B, 9 card A again soon after.
  std::atomic<int> next{0};
  FrameScanSource::Grab<Picture> grab = [&](std::stop_token) -> std::optional<Picture> {
    const int n = next++;
    if (n >= 10) return std::nullopt;
    return Picture{n};
  };
  FrameScanSource::Decode<Picture> decode = [](const Picture& p) -> std::optional<std::vector<std::uint8_t>> {
    if (p.number <= 4 || p.number == 9) return bytes("card A");
    if (p.number == 8) return bytes("card B");
    return std::nullopt;
  };
  FrameScanSource camera(ScanSourceKind::Camera, FrameScanSource::step<Picture>(grab, decode), clock, logger,
                         1h);
  camera.start(queue);
  REQUIRE(wait_for([&] { return camera.status().state == SourceState::Finished; }));
  CHECK(camera.status().detail == "10");
  std::vector<std::string> delivered;
  while (auto scan = queue.try_pop()) {
    CHECK(scan->source == ScanSourceKind::Camera);
    delivered.push_back(std::string(scan->text()));
  }
  // A again at 9: not a repeat, because B was delivered in between.
  CHECK(delivered == std::vector<std::string>{"card A", "card B", "card A"});
}

TEST_CASE("image files: each file with a barcode is a scan, even the same payload twice") {
  SystemClock clock;
  MemoryLogger logger;
  ScanQueue queue;
  std::vector<std::string> files = {"x.png", "blank.png", "x-again.png"};
  std::size_t index = 0;
  FrameScanSource::Grab<std::string> grab = [&](std::stop_token) -> std::optional<std::string> {
    if (index >= files.size()) return std::nullopt;
    return files[index++];
  };
  FrameScanSource::Decode<std::string> decode =
      [](const std::string& file) -> std::optional<std::vector<std::uint8_t>> {
    if (file.starts_with("blank")) return std::nullopt;
    return bytes("payload X");
  };
  FrameScanSource images(ScanSourceKind::ImageFile, FrameScanSource::step<std::string>(grab, decode), clock,
                         logger, 0ms);
  images.start(queue);
  REQUIRE(wait_for([&] { return images.status().state == SourceState::Finished; }));
  CHECK(queue.size() == 2);
  CHECK(queue.try_pop()->source == ScanSourceKind::ImageFile);
}

TEST_CASE("the keyboard-wedge source turns keys fed from the UI thread into a scan") {
  SystemClock clock;
  MemoryLogger logger;
  ScanQueue queue;
  WedgeTiming timing;
  timing.scan_end_gap = 40ms;
  KeyboardWedgeSource wedge(clock, logger, timing);
  wedge.start(queue);
  REQUIRE(wait_for([&] { return wedge.status().state == SourceState::Listening; }));

  const std::string payload = sample_licence();
  // No Enter suffix: the scan can only end by the source noticing the keys stopped.
  const auto keys =
      wedge_keys(payload, WedgeStyle::EnterForLfAndCr, std::chrono::steady_clock::now(), 0ms, false);
  wedge.feed(std::span(keys).first(keys.size() / 2));
  wedge.feed(std::span(keys).subspan(keys.size() / 2));
  auto scan = queue.pop(10s);
  REQUIRE(scan.has_value());
  CHECK(scan->text() == payload);
  CHECK(scan->source == ScanSourceKind::KeyboardWedge);

  // Typing is not a scan.
  auto t = std::chrono::steady_clock::now();
  for (char c : std::string("@hello")) {
    const WedgeKey key{t, std::string(1, c), WedgeSpecialKey::None, {}};
    wedge.feed(std::span(&key, 1));
    t += 200ms;
  }
  CHECK_FALSE(queue.pop(300ms).has_value());
  wedge.stop();

  // The log says a scan came and how big it was, never what it said.
  bool logged_size = false;
  for (const auto& line : logger.lines()) {
    CHECK(line.message.find("SAMPLE") == std::string::npos);
    CHECK(line.message.find("A1234") == std::string::npos);
    logged_size =
        logged_size || line.message == "keyboard-wedge: scan of " + std::to_string(payload.size()) + " bytes";
  }
  CHECK(logged_size);
}

TEST_CASE("every source state reads plainly in both languages") {
  for (auto state : {SourceState::Stopped, SourceState::Waiting, SourceState::Connected,
                     SourceState::Listening, SourceState::Replaying, SourceState::PermissionDenied,
                     SourceState::Busy, SourceState::Failed, SourceState::Finished}) {
    const Bilingual text = describe(state);
    CHECK_FALSE(text.en.empty());
    CHECK_FALSE(text.fr.empty());
    CHECK(text.en != text.fr);
  }
  CHECK(SourceStatus{SourceState::PermissionDenied, "0c2e:0b61"}.text(Language::French) ==
        "permission refusée (la règle udev de la borne est-elle installée\u00a0?)\u00a0: 0c2e:0b61");
}
