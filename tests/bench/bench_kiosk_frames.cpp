// What a client's session costs the kiosk's screen and the machine: frame time while the store
// looks a client up or commits their choices on its worker, beside frame time at rest; the CPU the
// kiosk uses when nothing on screen changes, beside the CPU of drawing every frame; startup to
// the first frame on a new and on an existing data folder; resident memory. Prints; asserts nothing.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/app/app.hpp"
#include "kiosk/app/config_options.hpp"
#include "kiosk/app/demo_identity.hpp"

using namespace kiosk;
using Millis = std::chrono::duration<double, std::milli>;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kSessions = 12;

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

double max_of(const std::vector<double>& values) {
  return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// VmRSS or VmHWM from /proc/self/status, in MiB.
double memory_mib(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  }
  return 0;
}

struct Started {
  std::unique_ptr<App> app;
  double ms = 0;
};

Started start(const KioskConfig& config, const std::filesystem::path& data, const kiosk::Clock& clock,
              Logger& logger) {
  AppOptions options;
  options.headless = true;
  options.font_file = KIOSK_DEFAULT_FONT;
  options.data_dir = data;
  const auto begin = Steady::now();
  auto created = App::create(config, options, clock, logger);
  if (!created) return {};
  (*created)->frame();
  return {std::move(created).value(), Millis(Steady::now() - begin).count()};
}

// Frames drawn while the store works for the session, timed one by one.
void frames_while_waiting(App& app, std::vector<double>& frames) {
  while (app.session().waiting_for_store()) {
    const auto begin = Steady::now();
    app.frame();
    frames.push_back(Millis(Steady::now() - begin).count());
  }
}

// Touch targets are those of the last frame drawn: draw the screen as it is now, then touch.
bool press(App& app, const std::string& id) {
  app.frame();
  return app.tap_target(id);
}

}  // namespace

int main() {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("bench-kiosk-frames-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  SystemClock clock;
  MemoryLogger logger;
  auto config = parse_kiosk_config(embedded_demo_config(), "embedded");
  if (!config) return 1;

  Started fresh = start(*config, dir / "data", clock, logger);
  if (!fresh.app) return 1;
  fresh.app.reset();
  Started again = start(*config, dir / "data", clock, logger);
  if (!again.app) return 1;
  App& app = *again.app;
  const double rss_started = memory_mib("VmRSS");

  std::vector<double> at_rest;
  for (int i = 0; i < 120; ++i) {
    const auto begin = Steady::now();
    app.frame();
    at_rest.push_back(Millis(Steady::now() - begin).count());
  }

  std::vector<double> lookup_frames, commit_frames, commit_total;
  const auto payload = demo_licence_payload(clock.today());
  int saved = 0;
  for (int session = 0; session < kSessions; ++session) {
    app.session().apply(action::Cancel{});
    press(app, "welcome.start.en");
    app.deliver_scan(payload);
    press(app, "confirm.yes");
    frames_while_waiting(app, lookup_frames);
    if (app.session().screen() == Screen::Policy) press(app, "policy.continue");
    press(app, session % 2 == 0 ? "choice.marketing-analysis.no" : "choice.marketing-analysis.yes");
    const auto begin = Steady::now();
    press(app, "choices.save");
    frames_while_waiting(app, commit_frames);
    commit_total.push_back(Millis(Steady::now() - begin).count());
    saved += app.session().screen() == Screen::Saved;
    app.settle_store();
    press(app, "saved.done");
  }
  const double rss_sessions = memory_mib("VmRSS");

  // Nothing changes on the welcome screen: the loop should sleep, not draw.
  app.session().apply(action::Cancel{});
  app.frame();
  const std::uint64_t frames_before = app.frames_drawn();
  double cpu_before = cpu_seconds();
  auto wall_begin = Steady::now();
  while (Steady::now() - wall_begin < std::chrono::seconds{3}) app.step(std::chrono::milliseconds{250});
  const double idle_wall = std::chrono::duration<double>(Steady::now() - wall_begin).count();
  const double idle_cpu = cpu_seconds() - cpu_before;
  const std::uint64_t idle_frames = app.frames_drawn() - frames_before;
  // Baseline: the same second spent redrawing every frame, as a naive loop would.
  cpu_before = cpu_seconds();
  wall_begin = Steady::now();
  int busy_frames = 0;
  while (Steady::now() - wall_begin < std::chrono::seconds{1}) {
    app.frame();
    ++busy_frames;
  }
  const double busy_wall = std::chrono::duration<double>(Steady::now() - wall_begin).count();
  const double busy_cpu = cpu_seconds() - cpu_before;

  std::printf(
      "startup to first frame: %.0f ms on a new data folder (database and keys made), %.0f ms on an "
      "existing one\n",
      fresh.ms, again.ms);
  std::printf("frame at rest (baseline): %.2f ms median, %.2f ms max (%zu frames)\n", median(at_rest),
              max_of(at_rest), at_rest.size());
  std::printf("frame while the store looks a client up: %.2f ms median, %.2f ms max (%zu frames)\n",
              median(lookup_frames), max_of(lookup_frames), lookup_frames.size());
  std::printf("frame while a commit is in flight: %.2f ms median, %.2f ms max (%zu frames)\n",
              median(commit_frames), max_of(commit_frames), commit_frames.size());
  std::printf("commit, touch to saved screen: %.1f ms median of %d (%d saved)\n", median(commit_total),
              kSessions, saved);
  std::printf("idle, nothing changing: %.1f%% of one core, %llu frames in %.1f s\n",
              100 * idle_cpu / idle_wall, static_cast<unsigned long long>(idle_frames), idle_wall);
  std::printf("baseline, redrawing every frame: %.1f%% of one core, %d frames in %.1f s\n",
              100 * busy_cpu / busy_wall, busy_frames, busy_wall);
  std::printf("resident memory: %.1f MiB after startup, %.1f MiB after %d sessions, %.1f MiB peak\n",
              rss_started, rss_sessions, kSessions, memory_mib("VmHWM"));
  again.app.reset();
  std::filesystem::remove_all(dir);
  return saved == kSessions ? 0 : 1;
}
