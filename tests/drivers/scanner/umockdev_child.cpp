#include "umockdev_child.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace scanner_test {
namespace {

constexpr const char* kChildMarker = "KIOSK_UMOCKDEV_CHILD";

// Catch reads ',' '[' ']' '*' '\' in a test spec as syntax; a backslash makes them literal.
std::string escaped_spec(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == ',' || c == '[' || c == ']' || c == '*' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

bool run_in_umockdev_child() {
  if (std::getenv(kChildMarker) != nullptr) return false;

  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  const std::string spec = escaped_spec(Catch::getResultCapture().getCurrentTestName());
  // "--warn NoTests": a name that matched nothing must fail, not pass silently.
  std::vector<std::string> args = {"umockdev-wrapper", self, spec, "--warn", "NoTests"};

  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string(*e).rfind("ASAN_OPTIONS=", 0) != 0) env.emplace_back(*e);
  }
  env.push_back(std::string(kChildMarker) + "=1");
  // Preloading umockdev puts its library ahead of ASan's runtime, which ASan refuses by default.
  const char* asan = std::getenv("ASAN_OPTIONS");
  env.push_back(std::string("ASAN_OPTIONS=") + (asan != nullptr ? std::string(asan) + ":" : "") +
                "verify_asan_link_order=0");

  auto pointers = [](std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
  };
  auto argv = pointers(args);
  auto envp = pointers(env);
  pid_t child = 0;
  const int spawned = posix_spawnp(&child, "umockdev-wrapper", nullptr, nullptr, argv.data(), envp.data());
  INFO("umockdev-wrapper (Debian package umockdev) must be installed");
  REQUIRE(spawned == 0);

  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (waitpid(child, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      FAIL("the umockdev child did not finish within 120 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  INFO("the test case failed in its umockdev child; its output is above");
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  return true;
}

}  // namespace scanner_test
