#include <catch2/catch.hpp>

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "kiosk/app/process_hardening.hpp"
#include "scratch_dir.hpp"

using namespace kiosk;

namespace {

// What a hardened child process found about itself, one bit per property.
enum : int { kCoreOff = 1, kNotDumpable = 2, kUmask077 = 4, kFilePrivate = 8 };

// The hardening changes the whole process, so it runs in a child and reports in its exit code:
// the test process keeps its own umask and limits for the tests after this one.
int harden_in_child(const std::filesystem::path& scratch) {
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (!harden_process()) _exit(100);
    int found = 0;
    rlimit core{};
    if (getrlimit(RLIMIT_CORE, &core) == 0 && core.rlim_cur == 0 && core.rlim_max == 0) found |= kCoreOff;
    if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0) found |= kNotDumpable;
    const mode_t mask = umask(077);
    if (mask == 077) found |= kUmask077;
    const auto file = scratch / "made-after-hardening";
    if (FILE* out = std::fopen(file.c_str(), "w")) {
      std::fclose(out);
      struct stat info {};
      if (stat(file.c_str(), &info) == 0 && (info.st_mode & 0777) == 0600) found |= kFilePrivate;
    }
    _exit(found);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

mode_t mode_of(const std::filesystem::path& path) {
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

}  // namespace

TEST_CASE("A hardened process leaves no core file, refuses ptrace and creates private files") {
  ScratchDir scratch;
  const int found = harden_in_child(scratch.path());
  CHECK(found != 100);
  CHECK((found & kCoreOff) != 0);
  CHECK((found & kNotDumpable) != 0);
  CHECK((found & kUmask077) != 0);
  CHECK((found & kFilePrivate) != 0);
}

TEST_CASE("The data folder is made private, created or found open") {
  ScratchDir scratch;
  SECTION("a new nested folder") {
    const auto folder = scratch.path() / "state" / "consent-kiosk";
    REQUIRE(make_private_folder(folder));
    CHECK(mode_of(folder) == 0700);
  }
  SECTION("an existing folder others could read") {
    const auto folder = scratch.path() / "open";
    std::filesystem::create_directory(folder);
    REQUIRE(chmod(folder.c_str(), 0755) == 0);
    REQUIRE(make_private_folder(folder));
    CHECK(mode_of(folder) == 0700);
  }
  SECTION("a path that cannot be a folder") {
    const auto file = scratch.path() / "plain-file";
    std::FILE* out = std::fopen(file.c_str(), "w");
    REQUIRE(out != nullptr);
    std::fclose(out);
    const auto refused = make_private_folder(file / "below");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == HardeningErrc::FolderMode);
  }
}
