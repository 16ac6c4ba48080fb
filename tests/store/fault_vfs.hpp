#pragma once
// An SQLite VFS that wraps the default one and fails on demand: writes, fsyncs, or any write
// past a size cap (a full disk). Registered under a name the store is opened with.

#include <atomic>
#include <cstdint>

struct FaultPlan {
  std::atomic<bool> fail_writes{false};  // SQLITE_IOERR_WRITE
  std::atomic<bool> fail_syncs{false};   // SQLITE_IOERR_FSYNC
  std::atomic<bool> disk_full{false};    // SQLITE_FULL on every write
  // Bytes the database and its WAL may grow to (each); negative: no cap.
  std::atomic<std::int64_t> size_cap{-1};
  std::atomic<int> faults_injected{0};

  void clear() {
    fail_writes = false;
    fail_syncs = false;
    disk_full = false;
    size_cap = -1;
  }
};

// Registers (once per process) the VFS "kiosk-fault" driven by `plan`, and returns its name.
const char* install_fault_vfs(FaultPlan& plan);
