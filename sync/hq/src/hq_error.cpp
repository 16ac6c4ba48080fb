#include "kiosk/hq/hq_error.hpp"

namespace kiosk::hq {

std::string_view to_string(HqErrc code) {
  switch (code) {
    case HqErrc::BadInput: return "bad-input";
    case HqErrc::Config: return "config";
    case HqErrc::AlreadyExists: return "already-exists";
    case HqErrc::KeyFile: return "key-file";
    case HqErrc::Tls: return "tls";
    case HqErrc::StorageBusy: return "storage-busy";
    case HqErrc::StorageUnavailable: return "storage-unavailable";
    case HqErrc::Storage: return "storage";
    case HqErrc::Internal: return "internal";
  }
  return "error";
}

}  // namespace kiosk::hq
