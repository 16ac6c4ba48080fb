#include "fault_vfs.hpp"

#include <sqlite3.h>

namespace {

FaultPlan* g_plan = nullptr;  // SQLite's VFS API has no user pointer per file; tests run one plan
sqlite3_vfs g_vfs;
sqlite3_vfs* g_real = nullptr;

struct FaultFile {
  sqlite3_file base;
  bool faultable;  // the main database or its WAL
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

FaultFile* as_fault(sqlite3_file* file) {
  return reinterpret_cast<FaultFile*>(file);
}

int injected(int code) {
  ++g_plan->faults_injected;
  return code;
}

int fault_close(sqlite3_file* f) {
  return as_fault(f)->real()->pMethods->xClose(as_fault(f)->real());
}
int fault_read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
  return as_fault(f)->real()->pMethods->xRead(as_fault(f)->real(), buffer, amount, offset);
}
int fault_write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
  FaultFile* file = as_fault(f);
  if (file->faultable) {
    if (g_plan->fail_writes) return injected(SQLITE_IOERR_WRITE);
    if (g_plan->disk_full) return injected(SQLITE_FULL);
    const auto cap = g_plan->size_cap.load();
    if (cap >= 0 && offset + amount > cap) return injected(SQLITE_FULL);
  }
  return file->real()->pMethods->xWrite(file->real(), buffer, amount, offset);
}
int fault_truncate(sqlite3_file* f, sqlite3_int64 size) {
  return as_fault(f)->real()->pMethods->xTruncate(as_fault(f)->real(), size);
}
int fault_sync(sqlite3_file* f, int flags) {
  if (as_fault(f)->faultable && g_plan->fail_syncs) return injected(SQLITE_IOERR_FSYNC);
  return as_fault(f)->real()->pMethods->xSync(as_fault(f)->real(), flags);
}
int fault_file_size(sqlite3_file* f, sqlite3_int64* size) {
  return as_fault(f)->real()->pMethods->xFileSize(as_fault(f)->real(), size);
}
int fault_lock(sqlite3_file* f, int level) {
  return as_fault(f)->real()->pMethods->xLock(as_fault(f)->real(), level);
}
int fault_unlock(sqlite3_file* f, int level) {
  return as_fault(f)->real()->pMethods->xUnlock(as_fault(f)->real(), level);
}
int fault_check_reserved(sqlite3_file* f, int* out) {
  return as_fault(f)->real()->pMethods->xCheckReservedLock(as_fault(f)->real(), out);
}
int fault_file_control(sqlite3_file* f, int op, void* arg) {
  return as_fault(f)->real()->pMethods->xFileControl(as_fault(f)->real(), op, arg);
}
int fault_sector_size(sqlite3_file* f) {
  return as_fault(f)->real()->pMethods->xSectorSize(as_fault(f)->real());
}
int fault_device(sqlite3_file* f) {
  return as_fault(f)->real()->pMethods->xDeviceCharacteristics(as_fault(f)->real());
}
int fault_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return as_fault(f)->real()->pMethods->xShmMap(as_fault(f)->real(), page, size, extend, out);
}
int fault_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return as_fault(f)->real()->pMethods->xShmLock(as_fault(f)->real(), offset, n, flags);
}
void fault_shm_barrier(sqlite3_file* f) {
  as_fault(f)->real()->pMethods->xShmBarrier(as_fault(f)->real());
}
int fault_shm_unmap(sqlite3_file* f, int remove) {
  return as_fault(f)->real()->pMethods->xShmUnmap(as_fault(f)->real(), remove);
}
// No memory-mapped I/O through this VFS: every write must pass through fault_write.
int fault_fetch(sqlite3_file*, sqlite3_int64, int, void** out) {
  *out = nullptr;
  return SQLITE_OK;
}
int fault_unfetch(sqlite3_file*, sqlite3_int64, void*) {
  return SQLITE_OK;
}

const sqlite3_io_methods kMethods = {
    3,
    fault_close,
    fault_read,
    fault_write,
    fault_truncate,
    fault_sync,
    fault_file_size,
    fault_lock,
    fault_unlock,
    fault_check_reserved,
    fault_file_control,
    fault_sector_size,
    fault_device,
    fault_shm_map,
    fault_shm_lock,
    fault_shm_barrier,
    fault_shm_unmap,
    fault_fetch,
    fault_unfetch,
};

int fault_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  FaultFile* file = as_fault(f);
  file->base.pMethods = nullptr;
  file->faultable = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)) != 0;
  const int rc = g_real->xOpen(g_real, name, file->real(), flags, out_flags);
  if (rc == SQLITE_OK) file->base.pMethods = &kMethods;
  return rc;
}

}  // namespace

const char* install_fault_vfs(FaultPlan& plan) {
  g_plan = &plan;
  if (g_real == nullptr) {
    g_real = sqlite3_vfs_find(nullptr);
    g_vfs = *g_real;
    g_vfs.zName = "kiosk-fault";
    g_vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + g_real->szOsFile;
    g_vfs.xOpen = fault_open;
    g_vfs.pNext = nullptr;
    sqlite3_vfs_register(&g_vfs, 0);
  }
  return g_vfs.zName;
}
